"""me, @user, #channel and Slack's markup."""

import pytest

from core.language.commands import ME, Target, TargetKind
from core.language.targets import is_channel, target_of


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        pytest.param("me", ME, id="me"),
        pytest.param("myself", ME, id="myself"),
        pytest.param("@maria", Target(TargetKind.USER, "maria"), id="user"),
        pytest.param("#team", Target(TargetKind.CHANNEL, "team"), id="channel"),
        pytest.param("<@U024BE7LH>", Target(TargetKind.USER, "U024BE7LH"), id="slack user"),
        pytest.param("<@U024BE7LH|bob>", Target(TargetKind.USER, "U024BE7LH"), id="named"),
        pytest.param("<#C024BE91L|ops>", Target(TargetKind.CHANNEL, "C024BE91L"), id="slack #"),
        pytest.param("mom", None, id="a word"),
    ],
)
def test_a_target_is_read(word: str, expected: Target | None) -> None:
    assert target_of(word) == expected


def test_targets_print_as_the_contract_wants() -> None:
    assert str(target_of("<@U024BE7LH>")) == "@U024BE7LH"
    assert str(target_of("<#C024BE91L|ops>")) == "#C024BE91L"
    assert str(ME) == "me"


def test_is_channel() -> None:
    assert is_channel("#eng")
    assert not is_channel("@eng")
