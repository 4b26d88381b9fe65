"""Prose written for the encoding tests: four lines each of Japanese, Chinese, Korean, Russian."""

from __future__ import annotations

JAPANESE = (
    "私たちは朝早く駅に集まり、山の上の小さな村まで歩いて行きました。\n"
    "道の両側には古い杉の木が並び、冷たい風が枝を揺らしていました。\n"
    "昼過ぎに村に着くと、おばあさんが温かいお茶とおにぎりを出してくれました。\n"
    "夕方には雨が降り始めたので、私たちは宿の窓から霧に包まれた谷を眺めました。\n"
)

SIMPLIFIED_CHINESE = (
    "我们在清晨出发，沿着河边的小路走向远处的村庄。\n"
    "路上有很多农民在田里干活，他们向我们挥手问好。\n"
    "中午的时候，我们在一棵大树下休息，吃了带来的面包和水果。\n"
    "傍晚回到城里，街上的灯已经亮了，空气里有烤红薯的香味。\n"
)

TRADITIONAL_CHINESE = (
    "我們在清晨出發，沿著河邊的小路走向遠處的村莊。\n"
    "路上有很多農民在田裡幹活，他們向我們揮手問好。\n"
    "中午的時候，我們在一棵大樹下休息，吃了帶來的麵包和水果。\n"
    "傍晚回到城裡，街上的燈已經亮了，空氣裡有烤地瓜的香味。\n"
)

KOREAN = (
    "우리는 이른 아침에 기차역에서 만나 바닷가 마을로 떠났습니다.\n"
    "창밖으로 푸른 논과 낮은 산들이 천천히 지나갔습니다.\n"
    "점심에는 작은 식당에서 따뜻한 국수를 먹고 항구를 걸었습니다.\n"
    "해가 질 무렵 우리는 방파제에 앉아 돌아오는 배들을 바라보았습니다.\n"
)

RUSSIAN = (
    "Утром мы вышли из дома и пошли к реке по узкой тропинке.\n"
    "Над водой стоял лёгкий туман, и где-то далеко кричали птицы.\n"
    "К обеду мы дошли до старой мельницы и отдохнули в тени деревьев.\n"
    "Вечером начался дождь, и мы долго сидели у окна с горячим чаем.\n"
)

#: Each legacy encoding and the prose written in it.
LEGACY_PROSE: dict[str, str] = {
    "shift_jis": JAPANESE,
    "cp932": JAPANESE,
    "euc_jp": JAPANESE,
    "iso2022_jp": JAPANESE,
    "gbk": SIMPLIFIED_CHINESE,
    "gb18030": SIMPLIFIED_CHINESE,
    "big5": TRADITIONAL_CHINESE,
    "euc_kr": KOREAN,
    "cp866": RUSSIAN,
    "koi8_r": RUSSIAN,
    "cp1251": RUSSIAN,
}
