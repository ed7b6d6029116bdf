"""Job ids and payloads of the work the Slack listeners hand to a worker."""

from __future__ import annotations

import re

from bot.slack.listeners import COMMAND, MESSAGE, to_payload, work_id

RQ_JOB_ID = re.compile(r"[A-Za-z0-9_-]+")


def test_a_retried_event_gets_the_same_job_id() -> None:
    first, retry = work_id(MESSAGE, "Ev0DM0001"), work_id(MESSAGE, "Ev0DM0001")

    assert first == retry == "slack-message-Ev0DM0001"


def test_a_trigger_id_becomes_a_job_id_rq_accepts() -> None:
    job_id = work_id(COMMAND, "13345224609.738474920.8088930838d88f008e0")

    assert RQ_JOB_ID.fullmatch(job_id)
    assert job_id == "slack-command-13345224609-738474920-8088930838d88f008e0"


def test_work_without_an_id_gets_a_fresh_one_each_time() -> None:
    first, second = work_id(COMMAND, None), work_id(COMMAND, "")

    assert first != second
    assert RQ_JOB_ID.fullmatch(first)


def test_the_payload_keeps_the_body_but_not_the_verification_token() -> None:
    body = {"token": "legacy", "team_id": "T0NUDGE01", "text": "help"}

    assert to_payload(COMMAND, body) == {
        "kind": "command", "body": {"team_id": "T0NUDGE01", "text": "help"}}
