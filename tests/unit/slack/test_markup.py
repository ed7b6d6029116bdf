"""to_mrkdwn and neutralise_broadcasts: table-driven."""

from __future__ import annotations

import pytest

from bot.slack.markup import WORD_JOINER, has_broadcast, neutralise_broadcasts, to_mrkdwn


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("a < b & c > d", "a &lt; b &amp; c &gt; d", id="bare-specials"),
    pytest.param("a &lt; b &amp; c", "a &lt; b &amp; c", id="entities-not-doubled"),
    pytest.param("<b>bold</b>", "&lt;b&gt;bold&lt;/b&gt;", id="html-is-not-markup"),
    pytest.param("see <https://x.io/a?b=1&c=2|PR 42>", "see <https://x.io/a?b=1&c=2|PR 42>",
                 id="link-kept"),
    pytest.param("ask <@U024BE7LH> in <#C024BE91L|ops>", "ask <@U024BE7LH> in <#C024BE91L|ops>",
                 id="mentions-kept"),
    pytest.param("Reminder 1 for #C024BE91L: x", "Reminder 1 for <#C024BE91L>: x",
                 id="bare-channel-id-linked"),
    pytest.param("for @U024BE7LH", "for <@U024BE7LH>", id="bare-user-id-linked"),
    pytest.param("#general and @maria", "#general and @maria", id="names-left-alone"),
])
def test_to_mrkdwn(text: str, expected: str) -> None:
    assert to_mrkdwn(text) == expected


@pytest.mark.parametrize("text", ["<!channel> standup", "<!here|here> standup",
                                  "<!everyone> standup", "@channel standup", "@Here standup"])
def test_broadcasts_are_neutralised(text: str) -> None:
    neutral = neutralise_broadcasts(text)

    assert not has_broadcast(neutral)
    assert WORD_JOINER in neutral
    assert neutral.endswith(" standup")
    assert "<!" not in to_mrkdwn(neutral)


def test_other_text_is_left_as_it_was() -> None:
    text = "email me@channel.io about <https://x.io|the @here doc>"

    assert neutralise_broadcasts("email me@channel.io") == "email me@channel.io"
    assert has_broadcast(text)  # "@here" inside a link label still counts: neutralise it


@pytest.mark.parametrize(("text", "shown"), [
    pytest.param("<!subteam^S0DEVS01|@devs> deploy", "@devs", id="subteam-with-label"),
    pytest.param("<!subteam^S0DEVS01> deploy", "@group", id="subteam-bare"),
    pytest.param("< !subteam^S0DEVS01|@devs > deploy", "@devs", id="subteam-spaced"),
    pytest.param("<!sub\u200bteam^S0DEVS01|@de\u200bvs> deploy", "@devs", id="subteam-zero-width"),
    pytest.param("<!subteam ^ S0DEVS01 | @devs> deploy", "@devs", id="subteam-spaced-inside"),
    pytest.param("< !channel > deploy", "@channel", id="channel-spaced"),
    pytest.param("<\u200b!here\ufeff> deploy", "@here", id="here-zero-width"),
    pytest.param("<!ev\u200beryone|everyone> deploy", "@everyone", id="everyone-zero-width"),
    pytest.param("@\u200bchannel deploy", "@channel", id="word-zero-width"),
])
def test_user_groups_and_disguised_broadcasts_are_neutralised(text: str, shown: str) -> None:
    neutral = neutralise_broadcasts(text)

    assert not has_broadcast(neutral)
    assert neutral.replace(WORD_JOINER, "") == f"{shown} deploy"
    assert "<!" not in to_mrkdwn(neutral)


def test_neutralising_twice_changes_nothing_more() -> None:
    once = neutralise_broadcasts("<!subteam^S0DEVS01|@devs> and <!here> and @everyone")

    assert neutralise_broadcasts(once) == once
