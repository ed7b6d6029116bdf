"""SqlDeliveryRepository: the once-only delivery rows, claimed, sent, retried, taken over."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Final

from sqlalchemy import bindparam, delete, select, update

from core.ids import ScheduleId
from core.occurrences import Delivery, DeliveryState, Occurrence, Sent
from integrations.sql import rows
from integrations.sql.repository_base import (
    SqlRepository,
)
from integrations.sql.tables import (
    UtcDateTime,
    deliveries,
)

UNFINISHED: Final = (DeliveryState.CLAIMED.value, DeliveryState.RETRYING.value)
# Rows per multi-row INSERT: 4 values a row stays far below SQLite's 32,766 variables.
CHUNK: Final = 500


class SqlDeliveryRepository(SqlRepository):
    async def claim(self, occurrence: Occurrence, *, now: datetime) -> bool:
        # ON CONFLICT DO NOTHING instead of catching IntegrityError: a failed INSERT would
        # abort a PostgreSQL transaction, and this one must stay usable when we lose.
        statement = self._insert(deliveries).values(
            schedule_id=occurrence.schedule_id, instant=occurrence.instant,
            state=DeliveryState.CLAIMED.value, claimed_at=now,
        ).on_conflict_do_nothing(index_elements=["schedule_id", "instant"])
        return await self._write(statement) == 1

    async def complete(
        self, occurrence: Occurrence, *, now: datetime, message_id: str | None, late_seconds: float
    ) -> None:
        statement = update(deliveries).where(rows.occurrence_matches(occurrence)).values(
            state=DeliveryState.SENT.value, sent_at=now, message_id=message_id,
            late_seconds=late_seconds,
        )
        if await self._write(statement) != 1:
            raise LookupError(f"{occurrence.key} was never claimed")

    async def release(self, occurrence: Occurrence) -> None:
        # Only a claim is dropped: a sent row is the record that stops a second send.
        await self._session.execute(delete(deliveries).where(
            rows.occurrence_matches(occurrence),
            deliveries.c.state == DeliveryState.CLAIMED.value,
        ))

    async def skip(self, occurrence: Occurrence, *, now: datetime) -> None:
        # Claimed or not, it ends up skipped; a row already sent is left as it is.
        insert = self._insert(deliveries).values(
            schedule_id=occurrence.schedule_id, instant=occurrence.instant,
            state=DeliveryState.SKIPPED.value, claimed_at=now,
        )
        statement = insert.on_conflict_do_update(
            index_elements=["schedule_id", "instant"],
            set_={"state": DeliveryState.SKIPPED.value},
            where=deliveries.c.state == DeliveryState.CLAIMED.value,
        )
        await self._session.execute(statement)

    async def for_schedule(self, schedule_id: ScheduleId) -> list[Delivery]:
        query = (select(deliveries).where(deliveries.c.schedule_id == schedule_id)
                 .order_by(deliveries.c.instant))
        return [rows.to_delivery(r) for r in (await self._session.execute(query)).mappings()]


    async def claim_many(
        self, occurrences: Sequence[Occurrence], *, now: datetime
    ) -> list[Occurrence]:
        won: list[Occurrence] = []
        for start in range(0, len(occurrences), CHUNK):
            chunk = occurrences[start:start + CHUNK]
            values = [{"schedule_id": o.schedule_id, "instant": o.instant,
                       "state": DeliveryState.CLAIMED.value, "claimed_at": now} for o in chunk]
            statement = (self._insert(deliveries).values(values)
                         .on_conflict_do_nothing(index_elements=["schedule_id", "instant"])
                         .returning(deliveries.c.schedule_id, deliveries.c.instant))
            result = await self._session.execute(statement)
            won += [Occurrence(ScheduleId(sid), at) for sid, at in result]
        return won

    async def take_over(
        self, occurrence: Occurrence, *, now: datetime, stale_before: datetime
    ) -> Delivery | None:
        takeable = deliveries.c.state.in_(
            (DeliveryState.RETRYING.value, DeliveryState.FAILED.value)) | (
            (deliveries.c.state == DeliveryState.CLAIMED.value)
            & (deliveries.c.claimed_at < stale_before))
        statement = (update(deliveries).where(rows.occurrence_matches(occurrence), takeable)
                     .values(state=DeliveryState.CLAIMED.value, claimed_at=now)
                     .returning(*deliveries.c))
        row = (await self._session.execute(statement)).mappings().one_or_none()
        return rows.to_delivery(row) if row else None

    async def complete_many(self, sent: Sequence[Sent]) -> None:
        if not sent:
            return
        statement = (
            update(deliveries)
            .where(deliveries.c.schedule_id == bindparam("b_sid"),
                   deliveries.c.instant == bindparam("b_instant", type_=UtcDateTime()))
            .values(state=DeliveryState.SENT.value,
                    sent_at=bindparam("b_sent_at", type_=UtcDateTime()),
                    message_id=bindparam("b_message_id"), late_seconds=bindparam("b_late"))
        )
        await self._session.execute(statement, [
            {"b_sid": s.occurrence.schedule_id, "b_instant": s.occurrence.instant,
             "b_sent_at": s.sent_at, "b_message_id": s.message_id, "b_late": s.late_seconds}
            for s in sent])

    async def skip_many(self, occurrences: Sequence[Occurrence], *, now: datetime) -> None:
        for occurrence in occurrences:  # rare (only misfires past grace): no bulk form needed
            await self.skip(occurrence, now=now)

    async def retry_later(self, occurrence: Occurrence, *, now: datetime, attempts: int) -> None:
        await self._session.execute(update(deliveries).where(
            rows.occurrence_matches(occurrence), deliveries.c.state == DeliveryState.CLAIMED.value,
        ).values(state=DeliveryState.RETRYING.value, claimed_at=now, attempts=attempts))

    async def fail(self, occurrence: Occurrence, *, now: datetime) -> None:
        await self._session.execute(update(deliveries).where(
            rows.occurrence_matches(occurrence), deliveries.c.state.in_(UNFINISHED),
        ).values(state=DeliveryState.FAILED.value, claimed_at=now))

    async def renew(self, occurrences: Sequence[Occurrence], *, now: datetime) -> None:
        if not occurrences:
            return
        statement = (
            update(deliveries)
            .where(deliveries.c.schedule_id == bindparam("b_sid"),
                   deliveries.c.instant == bindparam("b_instant", type_=UtcDateTime()),
                   deliveries.c.state == DeliveryState.CLAIMED.value)
            .values(claimed_at=bindparam("b_now", type_=UtcDateTime()))
        )
        await self._session.execute(statement, [
            {"b_sid": o.schedule_id, "b_instant": o.instant, "b_now": now} for o in occurrences])

    async def stale(self, before: datetime, *, limit: int = 1000) -> list[Delivery]:
        query = (select(deliveries)
                 .where(deliveries.c.state.in_(UNFINISHED), deliveries.c.claimed_at < before)
                 .order_by(deliveries.c.claimed_at).limit(limit))
        return [rows.to_delivery(r) for r in (await self._session.execute(query)).mappings()]
