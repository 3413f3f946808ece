"""The course-unit library (课程单元): browsing, editing a unit, making a lesson from it."""
