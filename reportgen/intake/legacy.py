"""Text typed in the legacy 8-bit Vietnamese font encodings, back to Unicode.

Old workbooks kept by the branch offices often hold text typed with the fonts of
the **TCVN3** (ABC) table (`.VnTime`, `.VnTimeH`, `.VnArial` …) or of the **VNI**
table (`VNI-Times` …). Excel and calamine read such cells as Windows-1252
characters, which shows as mojibake:

=========================  =================  ==========
legacy text as read        Unicode            table
=========================  =================  ==========
``NguyÔn V¨n A``           ``Nguyễn Văn A``   TCVN3
``Tr­êng`` (soft hyphen)   ``Trường``         TCVN3
``§¶NG Bé``                ``ĐẢNG BỘ``        TCVN3 (.VnTimeH)
``Nguyeãn Vaên A``         ``Nguyễn Văn A``   VNI
=========================  =================  ==========

API
---
``detect_legacy(text, prefer=None)`` -> ``"TCVN3"``, ``"VNI"`` or ``None``
``to_unicode(text, encoding)`` -> NFC Unicode
``fix_legacy(text, prefer=None)`` -> ``(converted, encoding)`` or ``(text, None)``
``from_unicode(text, encoding)`` -> the legacy form, as Unikey would type it
``is_syllable(word)`` -> is ``word`` a well-formed Vietnamese syllable

Detection rule
--------------
A text is said to be in table *E* only when all of the following hold:

1. It holds no letter (or combining mark) above U+00FF: real Unicode Vietnamese
   almost always has one (ư, ơ, đ, ạ, ễ …), and legacy text read through
   Windows-1252 never does. It holds at least one character of *E*'s table.
2. Every word holding a non-ASCII character becomes, through *E*, a well-formed
   Vietnamese syllable (onset, rime, one tone mark at most and on the vowel
   that carries it, old or new style; `c/k`, `g/gh`, `ng/ngh` spelling; stop
   finals only with sắc or nặng) written in a sane case (lower, Title, UPPER).
3. At least one word is *evidence*: of two characters or more, changed by the
   conversion, and not a well-formed Vietnamese word as it stands (``NguyÔn``,
   ``V¨n``, ``Nguyeãn``, ``§ç``). A word that is already valid Vietnamese
   (``Bé``, ``Hoà``, ``CÔNG``) is never evidence: that is what keeps real Unicode
   text from being flagged, and words like ``Café``, ``°C``, ``±`` fail rule 2
   or give no evidence. ``µm``, ``µg`` … are units, not evidence.
4. At least half of the words (ASCII ones included) are Vietnamese syllables
   after conversion, so a foreign sentence with one odd word stays as it is.

When both tables pass (short texts: ``THÒ`` is VNI ``THỊ`` or TCVN3 ``THỀ``,
``Khoâng`` is VNI ``Không`` or TCVN3 ``Khõong``), each reading gets a prior: how
often its tones are met in Vietnamese, a bonus for syllables on a list of common
ones (names, places, the words of Party and State records), a penalty for rare
rimes. The likelier reading wins if it is at least twice as likely; otherwise
the answer is ``None``. A caller that knows the table the rest of the workbook
is in passes it as ``prefer``: it then wins whenever it reads the text validly.

Upper case TCVN3 (`.VnTimeH`)
-----------------------------
TCVN3 has no code for capitals with a tone mark: in `.VnTimeH` the lower-case
positions are drawn as capitals, and typists wrote ASCII capitals with the
lower-case legacy codes (``§¶NG Bé`` is ``ĐẢNG BỘ``). A TCVN3 text is read as
`.VnTimeH` (its converted letters upper-cased) when it has a lower-case code,
no ASCII lower-case letter, and a word with two ASCII capitals (``§¶NG``) or a
word that `.VnTime` would read in a mixed case no typist means (``úT``).

Limits
------
* A `.VnTimeH` text typed with ASCII lower case (``®¶ng bé``), or whose words
  have one ASCII capital each (``Bé``, ``Lª``, ``Y SÜ``), cannot be told from
  `.VnTime`: its letters come back right but in lower case (``đảng bộ``, ``Bộ``,
  ``Lê``, ``Y Sĩ``). A capital with a tone mark typed in `.VnTime` (the lower-case
  code under a capital font run) also comes back lower case (``ñy ban`` is
  ``ủy ban``): font runs are not in the cell text.
* Only the TCVN3 (TCVN 5712:1993 VN3) codes of the ABC fonts are read; the VN1
  capitals in 0x80–0x9F are not. VNI marks are read in their canonical case
  (``aù``, ``AÙ``).
* A text whose every word is already valid Vietnamese as it stands is never
  flagged, even if it was typed in a legacy font, since nothing in it tells: TCVN3
  ``Tù do`` (``Tự do``), ``Ghi chó`` (``Ghi chú``), VNI ``Y só`` (``Y sĩ``),
  ``Hoà Chí Minh`` (``Hồ Chí Minh``). Nor is a lone one-character word (``ë``
  for ``ở``). Most cells have a word that tells (``Nguyễn``, ``Trường``, ``Đảng``);
  for the rest a caller that knows the workbook is legacy may call ``to_unicode``.
* Words outside Vietnamese spelling (``Krông``, ``H'Mông``) that hold a legacy
  code make the whole text fail rule 2, so it is left as it is.
"""

from __future__ import annotations

import math
import re
import unicodedata
from functools import lru_cache

__all__ = [
    "ENCODINGS",
    "detect_legacy",
    "fix_legacy",
    "from_unicode",
    "is_syllable",
    "to_unicode",
]

ENCODINGS = ("TCVN3", "VNI")

# ---------------------------------------------------------------------------
# Tables (data).
#
# Each row: Unicode letters, then their legacy forms, in the tone order
# none, sắc, huyền, hỏi, ngã, nặng.
# ---------------------------------------------------------------------------

# TCVN3 (ABC). A code is one Windows-1252 character. The lower-case table; the
# capitals with a tone mark have no code (see the module notes).
_TCVN3_ROWS = (
    ("aáàảãạ", "a¸µ¶·¹"),
    ("ăắằẳẵặ", "¨¾»¼½Æ"),
    ("âấầẩẫậ", "©ÊÇÈÉË"),
    ("eéèẻẽẹ", "eÐÌÎÏÑ"),
    ("êếềểễệ", "ªÕÒÓÔÖ"),
    ("iíìỉĩị", "iÝ×ØÜÞ"),
    ("oóòỏõọ", "oãßáâä"),
    ("ôốồổỗộ", "«èåæçé"),
    ("ơớờởỡợ", "¬íêëìî"),
    ("uúùủũụ", "uóïñòô"),
    ("ưứừửữự", "\u00adøõö÷ù"),
    ("yýỳỷỹỵ", "yýúûüþ"),
    ("đ", "®"),
    # The capitals TCVN3 does have: the base letters with a shape mark.
    ("ĂÂÊÔƠƯĐ", "¡¢£¤¥¦§"),
)

# VNI (VNI-Windows). A letter is a base character followed by at most one mark.
_VNI_ROWS = (
    ("aáàảãạ", ("a", "aù", "aø", "aû", "aõ", "aï")),
    ("ăắằẳẵặ", ("aê", "aé", "aè", "aú", "aü", "aë")),
    ("âấầẩẫậ", ("aâ", "aá", "aà", "aå", "aã", "aä")),
    ("eéèẻẽẹ", ("e", "eù", "eø", "eû", "eõ", "eï")),
    ("êếềểễệ", ("eâ", "eá", "eà", "eå", "eã", "eä")),
    ("iíìỉĩị", ("i", "í", "ì", "æ", "ó", "ò")),
    ("oóòỏõọ", ("o", "où", "oø", "oû", "oõ", "oï")),
    ("ôốồổỗộ", ("oâ", "oá", "oà", "oå", "oã", "oä")),
    ("ơớờởỡợ", ("ô", "ôù", "ôø", "ôû", "ôõ", "ôï")),
    ("uúùủũụ", ("u", "uù", "uø", "uû", "uõ", "uï")),
    ("ưứừửữự", ("ö", "öù", "öø", "öû", "öõ", "öï")),
    ("yýỳỷỹỵ", ("y", "yù", "yø", "yû", "yõ", "î")),
    ("đ", ("ñ",)),
)


def _build_tcvn3() -> tuple[dict[str, str], dict[str, str]]:
    decode: dict[str, str] = {}
    encode: dict[str, str] = {}
    for letters, codes in _TCVN3_ROWS:
        assert len(letters) == len(codes)
        for letter, code in zip(letters, codes):
            encode[letter] = code
            if not code.isascii():
                assert code not in decode, code
                decode[code] = letter
    # Capitals with a tone mark (and I, Y, E … with one) have no code: typists
    # used the lower-case code under a capital font, as Unikey does.
    for letter, code in list(encode.items()):
        upper = letter.upper()
        if upper not in encode:
            encode[upper] = code if not code.isascii() else code.upper()
    return decode, encode


def _build_vni() -> tuple[dict[str, str], dict[str, str]]:
    decode: dict[str, str] = {}
    encode: dict[str, str] = {}
    for letters, codes in _VNI_ROWS:
        assert len(letters) == len(codes)
        for letter, code in zip(letters, codes):
            for ltr, cde in ((letter, code), (letter.upper(), code.upper())):
                encode[ltr] = cde
                if cde != ltr:
                    assert cde not in decode, cde
                    decode[cde] = ltr
    return decode, encode


_TCVN3_DECODE, _TCVN3_ENCODE = _build_tcvn3()
_VNI_DECODE, _VNI_ENCODE = _build_vni()
# TCVN3 read through a `.VnTimeH` font: every letter drawn as a capital.
_TCVN3H_DECODE = {code: letter.upper() for code, letter in _TCVN3_DECODE.items()}

_TCVN3_CHARS = frozenset(_TCVN3_DECODE)
_TCVN3_LOWER_CODES = frozenset(code for code, letter in _TCVN3_DECODE.items() if letter.islower())
_VNI_CHARS = frozenset(ch for code in _VNI_DECODE for ch in code if not ch.isascii())
_LEGACY_CHARS = _TCVN3_CHARS | _VNI_CHARS
_VNI_PATTERN = re.compile("|".join(re.escape(code) for code in sorted(_VNI_DECODE, key=len, reverse=True)))


# ---------------------------------------------------------------------------
# Conversion.
# ---------------------------------------------------------------------------


def _norm_encoding(encoding: str) -> str:
    name = str(encoding).strip().upper().replace("-", "").replace("_", "")
    if name in ("TCVN3", "TCVN", "ABC", "TCVN5712"):
        return "TCVN3"
    if name in ("VNI", "VNIWIN", "VNIWINDOWS"):
        return "VNI"
    raise ValueError(f"unknown legacy Vietnamese encoding: {encoding!r}")


def _is_vntimeh(text: str) -> bool:
    """TCVN3 typed for a `.VnTimeH` font: ASCII capitals with lower-case codes.

    True when the text has a lower-case code but no ASCII lower-case letter, and
    one of its words either has two ASCII capitals (``§¶NG``, ``TH¦``) or, read
    as `.VnTime`, would mix cases as no typist means (``úT``).
    """
    if any("a" <= ch <= "z" for ch in text):
        return False
    if not any(ch in _TCVN3_LOWER_CODES for ch in text):
        return False
    for token in _tokens(text, _TCVN3_CHARS):
        word = "".join(_TCVN3_DECODE.get(ch, ch) for ch in token)
        if sum("A" <= ch <= "Z" for ch in token) >= 2 or not _sane_case(word):
            return True
    return False


def to_unicode(text: str, encoding: str) -> str:
    """Convert `text` typed in a legacy table (`"TCVN3"` or `"VNI"`) to NFC Unicode.

    Characters the table does not use pass through. TCVN3 text that looks typed
    for `.VnTimeH` (see the module notes) comes back in capitals.
    """
    enc = _norm_encoding(encoding)
    if enc == "TCVN3":
        table = _TCVN3H_DECODE if _is_vntimeh(text) else _TCVN3_DECODE
        out = "".join(table.get(ch, ch) for ch in text)
    else:
        out = _VNI_PATTERN.sub(lambda m: _VNI_DECODE[m.group(0)], text)
    return unicodedata.normalize("NFC", out)


def from_unicode(text: str, encoding: str) -> str:
    """The legacy form of Unicode `text`, as a typist with Unikey would have made it.

    For TCVN3 a capital with a tone mark (``Ễ``) takes the lower-case code, which a
    `.VnTimeH` font draws as a capital; so ``ĐẢNG BỘ`` gives ``§¶NG Bé``.
    """
    enc = _norm_encoding(encoding)
    table = _TCVN3_ENCODE if enc == "TCVN3" else _VNI_ENCODE
    text = unicodedata.normalize("NFC", text)
    return "".join(table.get(ch, ch) for ch in text)


# ---------------------------------------------------------------------------
# Vietnamese syllables.
# ---------------------------------------------------------------------------

_TONE_MARKS = {
    "\u0301": "sac",
    "\u0300": "huyen",
    "\u0309": "hoi",
    "\u0303": "nga",
    "\u0323": "nang",
}
_VOWELS = frozenset("aăâeêioôơuưy")
_LETTERS = frozenset("abcdđeghiklmnopqrstuvxyăâêôơư")

_ONSETS = (
    "ngh",
    "ng",
    "nh",
    "ch",
    "gh",
    "gi",
    "kh",
    "ph",
    "qu",
    "th",
    "tr",
    "b",
    "c",
    "d",
    "đ",
    "g",
    "h",
    "k",
    "l",
    "m",
    "n",
    "p",
    "r",
    "s",
    "t",
    "v",
    "x",
    "",
)

# Rimes without their tone mark.
_RIMES = frozenset(
    """
    a ac ach ai am an ang anh ao ap at au ay
    ăc ăm ăn ăng ăp ăt ăk
    âc âm ân âng âp ât âu ây
    e ec em en eng eo ep et
    ê êch êm ên êng ênh êp êt êu
    i ia ich im in inh ip it iu iêc iêm iên iêng iêp iêt iêu
    o oc oi om on ong op ot ooc oong
    oa oac oach oai oam oan oang oanh oao oap oat oay oăc oăm oăn oăng oăt
    oe oen oeo oet
    ô ôc ôi ôm ôn ông ôp ôt
    ơ ơi ơm ơn ơp ơt
    u ua uc ui um un ung up ut
    uân uâng uât uây uê uêch uênh uơ
    uy uya uych uyên uyêt uynh uyt uyu
    uôc uôi uôm uôn uông uôt
    ư ưa ưc ưi ưm ưn ưng ưt ưu ươc ươi ươm ươn ương ươp ươt ươu
    y yêm yên yêng yêt yêu
    """.split()
)
# Syllables met often in the branch offices' workbooks and in Vietnamese at large
# (names, places, the Party's and the State's words, everyday words): written
# for this module, used only to choose between the two tables on a short text.
_COMMON_SYLLABLES_TEXT = """
của và các có là được trong cho không người những một với này đã để năm đến khi về ra
thì theo cũng làm nhiều như vào từ đó sẽ trên nhà sau hai việc lại mình phải tại ông
nước thời đi chỉ động công nhưng phát hiện bị đầu nói ngày hơn nhất mới thể đây vì hành
quan nên gia thành trường bằng học con đang sự quốc còn tình hợp dân kinh tế thế hội
chính lên đồng nhân định cao hàng tôi anh chúng qua hoạt vẫn nay họ đại tin biết mà số
thực sinh chủ nơi lý phố xe rất trung tiếp cơ sản bộ điều pháp thông hình tiền thị đưa
tra tổ án mỗi hệ đội xuất vụ phần năng cả nào trí vị tác ý quá tư trình tâm đất dụng
thấy yêu cầu thuộc tỉnh cùng gì tiến phòng quyền tháng lớn nghiệp giá khác chức đề văn
giải ngoài viên nội triển quản luật giáo điểm mặt ở dự độ phương tay bạn lực xã tự minh
chi ban huyện phường thôn xóm khu vực đảng ủy uỷ đoàn thanh niên phụ nữ cựu chiến binh
trận liên hiệp nông bác sĩ y trạm an quân kết nạp chuyển thức quần ưu tú chuyên môn luận
trị đẳng cấp sơ thạc cử kỹ sư xây dựng nghỉ hưu buôn bán trợ doanh lao do phật lành đài
hảo thiên chúa tày nùng mường hoa thái dao mông ê đê rai chăm xơ đăng sán chay dìu cống
giẽ triêng mạ tu gié bí thư phó trưởng thường chấp kiểm tuyên vận cán lãnh đạo chí ghi
chú quê quán tộc tôn nghề vấn ngoại ngữ khen thưởng kỷ huy hiệu tuổi thẻ hồ báo cáo tổng
danh sách lượng tỷ lệ trăm tên giới tính nam chưa đúng sai tốt khá bình yếu kém sắc hoàn
nhiệm nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ ngô dương đào đinh trương
lâm mai tô hà tạ châu lương quách kiều lưu triệu la tăng chu hứa lục âu diệp mạc thân
kim đàm nghiêm phùng trịnh vương lã lạc khổng doãn giang hầu mạnh ninh tiêu vi yên phí
lò lường mã thạch khúc hữu đức quang ngọc thu xuân hồng bảo đình duy thùy thuỳ thuý thúy
thủy thuỷ tấn trọng mỹ diệu bích khánh hoài nhật tuấn viết bá khắc cường dũng đạt đông
hải hạnh hiếu hiền hòa hoà hùng hương khoa lan linh long nga ngân nghĩa nhung oanh phong
phúc quý quỳnh sơn thảo thắng trang vân việt vinh yến lợi khải khiêm thọ bảy tám sáu
chín mười hậu thịnh tuyết loan khuê phượng nguyệt hằng trâm dung sang tài toàn thuận
khang ánh biên cẩm cảnh cát chinh chung cúc cương đan điệp diễm đoan duyên gấm giàu hạ
hân hào hiên hiển hoan huấn huế huệ hưng hường huyền khanh khôi khuyên kiên kiệt lài lam
liễu lộc lụa luân ly my ngà nguyên nhàn nhi nhiên nho phi phú phụng phước quế quyên
quyết sáng sương tân thắm thiện thơ thoa thương thy tiên tín trà triều trinh trúc tuân
tùng tường tuyền uyên vĩnh vy ba bốn mươi nghìn ngàn lẻ mốt nhì rưỡi nửa đà nẵng cần
quảng ngãi kon tum lai đắk lắk nghệ tĩnh hóa hoá sóc trăng bến tre cà mau bạc liêu tháp
tây bà rịa vũng tàu lạng lào cai bái bắc kạn cạn điện thừa khối ấp bản làng trấn quận ăn
uống ngủ đứng ngồi nằm chạy nghe nhìn hiểu nghĩ muốn lấy mua dạy đọc hỏi trả lời gọi gửi
nhận mở đóng xuống sống chết ghét sợ lo vui buồn giận cười khóc chơi giúp đỡ tìm gặp chờ
đợi bắt thúc tục thay đổi giữ bỏ mất hết cửa đường sông núi biển rừng cây lá quả cơm gạo
rau thịt cá gà lợn heo bò trâu chó mèo chim thuyền máy thoại vở bút bàn ghế giường áo
giày mũ vàng sắt đá trời mưa nắng gió mây sao lửa cũ nhỏ to bé dài ngắn thấp xa gần
nhanh chậm nóng lạnh đẹp xấu giỏi khỏe khoẻ nghèo trẻ già đen trắng đỏ xanh tím nâu xám
đêm trưa chiều tối tuần mùa hè giờ phút sớm muộn trước bây hôm kia cha mẹ bố má chị em
cháu cô dì cậu mợ vợ chồng thầy trò rồi nữa lắm đều mọi tất từng ai đâu bao vậy nếu hay
hoặc bởi tuy dù lớp viện bệnh sở ty xí ngư mại dịch tải lắp bưu viễn kho thuế vệ
"""

# Well-formed but unusual: used to choose between the tables on a tie.
_RARE_RIMES = frozenset("ooc oong oao oap oeo uyu uơ yêng êng eng uêch uênh oăm uych".split())

_STOP_FINALS = ("c", "ch", "p", "t")
_FRONT = ("i", "e", "ê", "y")


def _split_tone(word: str) -> tuple[str, str, int] | None:
    """`word` (lower case) as (letters without tone, tone, index of the toned letter).

    None if a letter is not Vietnamese or there is more than one tone mark.
    """
    tone = "none"
    where = -1
    letters: list[str] = []
    for ch in word:
        parts = unicodedata.normalize("NFD", ch)
        marks = [c for c in parts if c in _TONE_MARKS]
        if marks:
            if tone != "none" or len(marks) > 1:
                return None
            tone = _TONE_MARKS[marks[0]]
            where = len(letters)
            parts = "".join(c for c in parts if c not in _TONE_MARKS)
        base = unicodedata.normalize("NFC", parts)
        if base not in _LETTERS or (marks and base not in _VOWELS):
            return None
        letters.append(base)
    return "".join(letters), tone, where


def _tone_places(rime: str) -> tuple[int, ...]:
    """Where in `rime` the tone mark may stand (old and new styles both allowed)."""
    n = 0
    while n < len(rime) and rime[n] in _VOWELS:
        n += 1
    shaped = [i for i in range(n) if rime[i] in "ăâêôơư"]
    if shaped:
        return (shaped[-1],)  # ươ: on ơ
    if n < len(rime):  # a final consonant: on the last vowel (hoàn, quỳnh)
        return (n - 1,)
    if n == 2:
        return (0, 1) if rime in ("oa", "oe", "uy") else (0,)  # hòa/hoà, túi
    if n == 3:
        return (1,)  # hoài, khuỷu
    return (0,)


def _rime_ok(onset: str, rime: str, tone: str, where: int) -> bool:
    if onset == "gi":
        if rime.startswith("i"):
            return False
        # gì, gìn: the i of gi is the vowel; giêng: the rime iêng.
        candidates = (("g", "i" + rime),) if not rime or rime[0] not in _VOWELS else ((onset, rime), ("g", "i" + rime))
    elif onset == "qu":
        if not rime or rime.startswith(("u", "ư")):
            return False
        candidates = ((onset, rime), ("q", "u" + rime))  # quân; quỳnh as q + uynh
    else:
        candidates = ((onset, rime),)
    for eff_onset, cand in candidates:
        if cand not in _RIMES:
            continue
        if cand.endswith(_STOP_FINALS) and tone not in ("sac", "nang"):
            continue
        front = cand.startswith(_FRONT)
        # k before a back vowel is kept for place names (Kon Tum, Bắc Kạn, Đắk Lắk).
        if eff_onset in ("gh", "ngh") and not front:
            continue
        if eff_onset in ("c", "g", "ng") and front and eff_onset + cand[:1] != "gi":
            continue
        if tone != "none":
            at = where - len(eff_onset)
            if at not in _tone_places(cand):
                continue
        return True
    return False


@lru_cache(maxsize=65536)
def _syllable_rime(word: str) -> str | None:
    """The rime of `word` (lower case) if it is a well-formed Vietnamese syllable."""
    split = _split_tone(word)
    if split is None:
        return None
    letters, tone, where = split
    if not letters:
        return None
    for onset in _ONSETS:
        if letters.startswith(onset) and _rime_ok(onset, letters[len(onset) :], tone, where):
            return letters[len(onset) :]
    return None


def is_syllable(word: str) -> bool:
    """Is `word` one well-formed Vietnamese syllable (any case, NFC or NFD)?"""
    word = unicodedata.normalize("NFC", word).lower()
    return _syllable_rime(word) is not None


def _sane_case(word: str) -> bool:
    return word.islower() or word.isupper() or (word[:1].isupper() and (word[1:].islower() or not word[1:]))


def _is_word(word: str) -> bool:
    """A Vietnamese syllable written in a sane case (lower, Title or UPPER)."""
    return _sane_case(word) and is_syllable(word)


# ---------------------------------------------------------------------------
# Detection.
# ---------------------------------------------------------------------------


def _tokens(text: str, legacy_chars: frozenset[str]) -> list[str]:
    tokens = []
    current: list[str] = []
    for ch in text:
        if ch.isalpha() or ch in legacy_chars:
            current.append(ch)
        elif current:
            tokens.append("".join(current))
            current = []
    if current:
        tokens.append("".join(current))
    return tokens


# How often each tone is met in Vietnamese text (rounded): a prior used only to
# choose between the two tables when both read a text as valid Vietnamese.
_TONE_LOG_FREQ = {
    tone: math.log(freq)
    for tone, freq in {"none": 0.35, "sac": 0.20, "huyen": 0.18, "nang": 0.14, "hoi": 0.09, "nga": 0.04}.items()
}
_RARE_RIME_LOG = math.log(0.3)
# One table must be this much likelier than the other to be chosen over it.
_MARGIN = math.log(2.0)

# Micro sign before a unit (5 µm, 10 µg) is not the TCVN3 code for à.
_MICRO_UNITS = frozenset("µ" + unit for unit in "m g s l L A V F H W J C K T mol Pa Hz mm".split())


_COMMON_LOG = math.log(20.0)


def _syllable_key(word: str) -> tuple[str, str] | None:
    """Letters and tone, whatever vowel carries the mark (hoà and hòa alike)."""
    split = _split_tone(word)
    return None if split is None else (split[0], split[1])


_COMMON_SYLLABLES = frozenset(
    _syllable_key(word) for word in unicodedata.normalize("NFC", _COMMON_SYLLABLES_TEXT).split()
)


def _word_log_prior(word: str) -> float:
    lower = word.lower()
    split = _split_tone(lower)
    rime = _syllable_rime(lower)
    assert split is not None and rime is not None
    prior = _TONE_LOG_FREQ[split[1]]
    if (split[0], split[1]) in _COMMON_SYLLABLES:
        prior += _COMMON_LOG
    if rime in _RARE_RIMES:
        prior += _RARE_RIME_LOG
    return prior


def _score(text: str, encoding: str) -> float | None:
    """How likely `text` reads as Vietnamese through `encoding` (log), or None if not."""
    legacy_chars = _TCVN3_CHARS if encoding == "TCVN3" else _VNI_CHARS
    if not any(ch in legacy_chars for ch in text):
        return None
    # Convert word by word, but decide .VnTimeH capitals on the whole text.
    table = _TCVN3H_DECODE if encoding == "TCVN3" and _is_vntimeh(text) else _TCVN3_DECODE
    evidence = 0
    prior = 0.0
    words = 0
    syllables = 0
    # Words are cut on the characters of both tables, so that a code of the other
    # table stays inside its word (and makes it fail) instead of splitting it.
    for token in _tokens(text, _LEGACY_CHARS):
        words += 1
        if token.isascii():
            syllables += is_syllable(token)
            continue
        if encoding == "TCVN3":
            new = unicodedata.normalize("NFC", "".join(table.get(ch, ch) for ch in token))
        else:
            new = to_unicode(token, "VNI")
        if not _is_word(new):
            return None
        syllables += 1
        prior += _word_log_prior(new)
        if new != token and len(token) >= 2 and token not in _MICRO_UNITS and not _is_word(token):
            evidence += 1
    if evidence == 0 or 2 * syllables < words:
        return None
    return prior


def _may_be_legacy(text: str) -> bool:
    if text.isascii():
        return False
    for ch in text:
        if ord(ch) > 0xFF and unicodedata.category(ch)[0] in "LM":
            return False
    return any(ch in _LEGACY_CHARS for ch in text)


def detect_legacy(text: str, prefer: str | None = None) -> str | None:
    """`"TCVN3"` or `"VNI"` when `text` is very likely typed in that table, else None.

    `prefer` names the table the rest of the workbook (or column) is in: when
    `text` reads validly in it, it is chosen over the other table without the
    prior. It never makes a text legacy that is not.
    """
    if not isinstance(text, str):
        return None
    text = unicodedata.normalize("NFC", text)
    if not _may_be_legacy(text):
        return None
    scores = {}
    for encoding in ENCODINGS:
        score = _score(text, encoding)
        if score is not None:
            scores[encoding] = score
    if not scores:
        return None
    if prefer is not None and _norm_encoding(prefer) in scores:
        return _norm_encoding(prefer)
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < _MARGIN:
        return None
    return ranked[0][0]


def fix_legacy(text: str, prefer: str | None = None) -> tuple[str, str | None]:
    """(`text` converted to Unicode, its table) if it is legacy text, else (text, None)."""
    encoding = detect_legacy(text, prefer)
    if encoding is None:
        return text, None
    return to_unicode(text, encoding), encoding
