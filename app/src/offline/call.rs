//! One queued action: what was tapped, when, with the request id that makes its resends one request.

use chrono::{DateTime, Utc};
use pitboss::floor::{PlayerChoice, TableSeats};
use pitboss::loyalty::LoyaltyReason;
use pitboss::player::PlayerId;
use pitboss::rating_slip::{Slip, SlipId, SlipStatus};
use pitboss::table_context::TableId;
use pitboss::visit::VisitId;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::AppError;

/// A slip action as the pit boss tapped it, without its request id and instant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Call {
    /// Pause a slip.
    Pause { slip_id: SlipId },
    /// Resume a slip.
    Resume { slip_id: SlipId },
    /// Record a new bet.
    Bet { slip_id: SlipId, average_bet_cents: i64 },
    /// Close a slip.
    Close { slip_id: SlipId, average_bet_cents: Option<i64> },
    /// Issue a mid-session reward.
    Reward { player_id: PlayerId, slip_id: SlipId, points: i32, reason: LoyaltyReason },
    /// Check the player out.
    CheckOut { visit_id: VisitId },
    /// Move a rated player.
    Move { slip_id: SlipId, to_table_id: TableId, to_seat: i16 },
    /// Seat a player and start rating them.
    SeatAndStart { table_id: TableId, seat: i16, player: PlayerChoice, average_bet_cents: i64 },
}

impl Call {
    /// What the seat shows while it waits, and the conflict names.
    pub fn label(&self) -> String {
        match self {
            Self::Pause { .. } => "Pause".to_owned(),
            Self::Resume { .. } => "Resume".to_owned(),
            Self::Bet { average_bet_cents, .. } => format!("Bet {}", pitboss::Cents(*average_bet_cents)),
            Self::Close { .. } => "Close slip".to_owned(),
            Self::Reward { points, .. } => format!("Reward {} pts", crate::loyalty::points_text(i64::from(*points))),
            Self::CheckOut { .. } => "Check out".to_owned(),
            Self::Move { to_seat, .. } => format!("Move to seat {to_seat}"),
            Self::SeatAndStart { .. } => "Seat and start rating".to_owned(),
        }
    }
}

/// Where a queued action was tapped: the seat that shows it as pending.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    /// The table.
    pub table_id: TableId,
    /// The seat.
    pub seat: i16,
    /// Who sat there, for the conflict's sentence ("Ana Silva, seat 3").
    pub who: String,
}

/// An action waiting in the tablet's queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Queued {
    /// Its place in the queue: the order of the taps.
    pub seq: u64,
    /// Sent with every attempt, so the server applies it once however often it arrives.
    pub request_id: Uuid,
    /// The tablet's clock at the tap: rated time counts from here (`occurred_at`).
    pub tapped_at: DateTime<Utc>,
    /// What was tapped.
    pub call: Call,
    /// Where.
    pub place: Place,
}

/// A tap sent at once, remembered until answered: if the connection goes while it is on its way, the outbox
/// takes it over with the same request id and tap instant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sent {
    /// What was tapped.
    pub call: Call,
    /// Where.
    pub place: Place,
    /// The id it was sent with.
    pub request_id: Uuid,
    /// When.
    pub tapped_at: DateTime<Utc>,
}

impl Sent {
    /// `call`, tapped now at `place` and sent with `request_id`.
    pub fn now(call: Call, place: Place, request_id: Uuid) -> Self {
        Self { call, place, request_id, tapped_at: super::now() }
    }
}

/// What the server answered a queued action.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// The slip as it is now.
    Slip(Box<Slip>),
    /// Something that is not a slip (a reward, a check-out): the live stream shows its effect.
    Other,
    /// A refusal: the table it was tapped at is not as the tablet showed it, so it is read again.
    Refused(TableId),
}

impl Queued {
    /// Sends the action once, with its request id and tap instant.
    pub async fn send(&self) -> Result<Answer, AppError> {
        use crate::floor::{
            check_out, close_slip, move_player, pause_slip, resume_slip, seat_and_start, update_average_bet,
        };
        let (id, at) = (self.request_id, Some(self.tapped_at));
        let slip = match self.call.clone() {
            Call::Pause { slip_id } => pause_slip(id, slip_id, at).await?,
            Call::Resume { slip_id } => resume_slip(id, slip_id, at).await?,
            Call::Bet { slip_id, average_bet_cents } => update_average_bet(id, slip_id, average_bet_cents).await?,
            Call::Close { slip_id, average_bet_cents } => close_slip(id, slip_id, average_bet_cents, at).await?,
            Call::Move { slip_id, to_table_id, to_seat } => {
                move_player(id, slip_id, to_table_id, to_seat, None, at).await?
            }
            Call::SeatAndStart { table_id, seat, player, average_bet_cents } => {
                seat_and_start(id, table_id, seat, player, average_bet_cents).await?
            }
            Call::Reward { player_id, slip_id, points, reason } => {
                crate::loyalty::issue_reward(id, player_id, slip_id, points, reason).await?;
                return Ok(Answer::Other);
            }
            Call::CheckOut { visit_id } => {
                check_out(id, visit_id, at).await?;
                return Ok(Answer::Other);
            }
        };
        Ok(Answer::Slip(Box::new(slip)))
    }

    /// Shows the action on `table` as if the server had taken it: the seat map a pit boss keeps working from.
    pub fn apply_to(&self, table: &mut TableSeats) {
        for seat in &mut table.seats {
            let Some(occupant) = seat.occupant.as_mut() else { continue };
            let held = occupant.slip.as_ref().is_some_and(|slip| self.acts_on_slip(slip.id));
            if held {
                match &self.call {
                    Call::Close { .. } => occupant.slip = None,
                    Call::Move { .. } => seat.occupant = None,
                    _ => {
                        if let Some(slip) = occupant.slip.as_mut() {
                            self.apply_to_slip(slip);
                        }
                    }
                }
            } else if matches!(self.call, Call::CheckOut { visit_id } if visit_id == occupant.visit_id) {
                seat.occupant = None;
            }
        }
    }

    fn acts_on_slip(&self, id: SlipId) -> bool {
        match &self.call {
            Call::Pause { slip_id }
            | Call::Resume { slip_id }
            | Call::Bet { slip_id, .. }
            | Call::Close { slip_id, .. }
            | Call::Move { slip_id, .. } => *slip_id == id,
            Call::Reward { .. } | Call::CheckOut { .. } | Call::SeatAndStart { .. } => false,
        }
    }

    fn apply_to_slip(&self, slip: &mut Slip) {
        match &self.call {
            Call::Pause { .. } if slip.status == SlipStatus::Open => {
                slip.accrued_seconds += (self.tapped_at - slip.as_of).num_seconds().max(0);
                slip.as_of = self.tapped_at;
                slip.status = SlipStatus::Paused;
            }
            Call::Resume { .. } if slip.status == SlipStatus::Paused => {
                slip.as_of = self.tapped_at;
                slip.status = SlipStatus::Open;
            }
            Call::Bet { average_bet_cents, .. } => slip.current_bet = pitboss::Cents(*average_bet_cents),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;
    use pitboss::floor::{SeatView, SeatedPlayer};
    use pitboss::mtl::Proximity;
    use pitboss::rating_slip::{GameSnapshot, PolicySnapshot};

    fn queued(call: Call, tapped_at: DateTime<Utc>) -> Queued {
        let place = Place { table_id: TableId(Uuid::nil()), seat: 1, who: "Ana".to_owned() };
        Queued { seq: 1, request_id: Uuid::nil(), tapped_at, call, place }
    }

    fn open_slip() -> Slip {
        let as_of = DateTime::from_timestamp(1_800_000_000, 0).unwrap_or_default();
        Slip {
            id: SlipId(Uuid::from_u128(1)),
            visit_id: VisitId(Uuid::from_u128(2)),
            player_id: PlayerId(Uuid::from_u128(3)),
            table_id: TableId(Uuid::from_u128(4)),
            seat: 1,
            status: SlipStatus::Open,
            started_at: as_of - Duration::seconds(600),
            ended_at: None,
            gaming_day: as_of.date_naive(),
            average_bet: pitboss::Cents(2_500),
            current_bet: pitboss::Cents(2_500),
            game: GameSnapshot {
                game: pitboss::table_context::GameKey::new("blackjack"),
                min_bet_cents: 1_000,
                max_bet_cents: 100_000,
            },
            policy: PolicySnapshot {
                policy_version: 1,
                house_edge_bps: 150,
                decisions_per_hour: 70,
                points_per_theo_dollar: 10,
                point_multiplier_pct: 100,
            },
            accrued_seconds: 600,
            as_of,
            theo: pitboss::Cents(0),
            stale: false,
            close_reason: None,
            previous_slip_id: None,
            chain_prior_seconds: 0,
        }
    }

    fn seat_with(slip: Slip) -> TableSeats {
        let occupant = SeatedPlayer {
            visit_id: slip.visit_id,
            player_id: slip.player_id,
            name: "Ana".to_owned(),
            slip: Some(slip.clone()),
            rewarded_points: 0,
            proximity: Proximity::None,
            flag: None,
        };
        TableSeats { table_id: slip.table_id, seats: vec![SeatView { number: 1, occupant: Some(occupant) }] }
    }

    fn slip_of(table: &TableSeats) -> Option<&Slip> {
        table.seats[0].occupant.as_ref().and_then(|o| o.slip.as_ref())
    }

    #[test]
    fn a_queued_pause_stops_the_clock_at_the_tap_and_a_resume_restarts_it() {
        let slip: Slip = open_slip();
        let mut table = seat_with(slip.clone());
        let tap = slip.as_of + Duration::seconds(42);
        queued(Call::Pause { slip_id: slip.id }, tap).apply_to(&mut table);
        let paused = slip_of(&table).cloned().unwrap_or_else(|| panic!("slip kept"));
        assert_eq!(paused.status, SlipStatus::Paused);
        assert_eq!(paused.accrued_seconds, slip.accrued_seconds + 42, "rated up to the tap, not to the send");
        queued(Call::Resume { slip_id: slip.id }, tap + Duration::seconds(60)).apply_to(&mut table);
        let resumed = slip_of(&table).cloned().unwrap_or_else(|| panic!("slip kept"));
        assert_eq!((resumed.status, resumed.accrued_seconds), (SlipStatus::Open, slip.accrued_seconds + 42));
    }

    #[test]
    fn a_queued_close_leaves_the_player_seated_and_a_check_out_empties_the_seat() {
        let slip: Slip = open_slip();
        let mut table = seat_with(slip.clone());
        queued(Call::Close { slip_id: slip.id, average_bet_cents: None }, slip.as_of).apply_to(&mut table);
        assert!(table.seats[0].occupant.is_some() && slip_of(&table).is_none());
        queued(Call::CheckOut { visit_id: slip.visit_id }, slip.as_of).apply_to(&mut table);
        assert!(table.seats[0].occupant.is_none());
    }

    #[test]
    fn another_slips_action_changes_nothing() {
        let slip: Slip = open_slip();
        let mut table = seat_with(slip.clone());
        let other = SlipId(Uuid::from_u128(7));
        queued(Call::Pause { slip_id: other }, slip.as_of).apply_to(&mut table);
        assert_eq!(slip_of(&table), Some(&slip));
    }
}
