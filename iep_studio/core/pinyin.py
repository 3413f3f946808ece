"""Latin search keys for Chinese names, so "zxm" or "zhang" finds 张小明."""
from __future__ import annotations


def latin_key(name: str) -> str:
    """'张小明' -> 'zhangxiaoming zhang xiao ming zxm'; Latin names are kept as they are."""
    from pypinyin import Style, lazy_pinyin  # loaded only when a name is saved

    syllables = [s.lower() for s in lazy_pinyin(name, style=Style.NORMAL, errors="default")]
    syllables = [s for s in syllables if s.strip()]
    initials = "".join(s[0] for s in syllables if s[0].isalpha())
    return " ".join(["".join(syllables), " ".join(syllables), initials]).strip()
