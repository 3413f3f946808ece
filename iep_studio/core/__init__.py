"""The Qt-free core: model, storage, services. Nothing below here may import Qt."""
