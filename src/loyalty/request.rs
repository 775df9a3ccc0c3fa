//! Comps, manual adjustments and corrections as the pit asks for them, and the rules that price and check
//! them before anyone's authority is looked at.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::authority::Authority;
use super::comp::{CompCategory, CompItem, CompItemId};
use super::model::{LedgerId, LoyaltyReason};
use crate::casino::StaffId;
use crate::define_id;
use crate::error::{ErrorCode, FieldError};
use crate::money::Cents;
use crate::player::PlayerId;

define_id!(
    /// A comp, manual adjustment or correction asked for (its id is the request id the browser sent).
    LoyaltyRequestId
);

/// The most points one comp or adjustment may move.
pub const MOST_POINTS: i64 = 1_000_000;
/// The most an "at value" comp may be worth: $100,000.
pub const MOST_VALUE: Cents = Cents(10_000_000);

/// Where a request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "db", derive(sqlx::Type), sqlx(type_name = "loyalty_request_status", rename_all = "snake_case"))]
pub enum RequestStatus {
    /// The balance moved: within the asker's authority, or approved by another.
    Approved,
    /// Waiting for another staff member's approval.
    Pending,
    /// Refused by another staff member.
    Denied,
    /// Left pending at the end of its gaming day (never stored: read so).
    Expired,
}

impl RequestStatus {
    /// As the pit reads it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Approved => "Approved",
            Self::Pending => "Pending approval",
            Self::Denied => "Denied",
            Self::Expired => "Expired",
        }
    }
}

/// A request as the pit sees it: the comp slip, a line of the approval queue, a pending line on a player's
/// page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoyaltyRequest {
    /// Its id.
    pub id: LoyaltyRequestId,
    /// The comp slip's number.
    pub number: i64,
    /// Whose points.
    pub player_id: PlayerId,
    /// Their name.
    pub player_name: String,
    /// Redemption, manual adjustment or correction.
    pub reason: LoyaltyReason,
    /// The catalog item, for a comp written from the catalog.
    pub item: Option<RequestItem>,
    /// How many.
    pub quantity: i32,
    /// The dollar value of an "at value" comp.
    pub value: Option<Cents>,
    /// What the balance moves by (negative for a comp).
    pub points: i64,
    /// Why, as the asker wrote it.
    pub note: String,
    /// The ledger row a correction corrects.
    pub corrects_id: Option<LedgerId>,
    /// Who asked.
    pub staff_id: StaffId,
    /// Their name.
    pub staff_name: String,
    /// Where it stands.
    pub status: RequestStatus,
    /// Who approved or denied it; `None` when it was within the asker's authority.
    pub decided_by: Option<StaffId>,
    /// Their name.
    pub decided_by_name: Option<String>,
    /// When it was approved or denied.
    pub decided_at: Option<DateTime<Utc>>,
    /// The approver's note (why it was denied).
    pub decision_note: String,
    /// The ledger row that carried it out, once approved.
    pub ledger_id: Option<LedgerId>,
    /// The balance right after it, once approved.
    pub balance_after: Option<i64>,
    /// The gaming day it belongs to; it expires when that day ends.
    pub gaming_day: NaiveDate,
    /// When it was asked for.
    pub created_at: DateTime<Utc>,
}

/// The catalog item a comp names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestItem {
    /// Its id.
    pub id: CompItemId,
    /// Its name.
    pub name: String,
    /// Its kind.
    pub category: CompCategory,
}

/// A comp as the pit or the cage writes it: a catalog item, or free-form points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Redemption {
    /// Whose points pay for it.
    pub player_id: PlayerId,
    /// A catalog item; or `None` with `points` for a free-form comp.
    pub item_id: Option<CompItemId>,
    /// The points of a free-form comp, per unit.
    pub points: Option<i32>,
    /// The dollar value of one unit of an "at value" item.
    pub value: Option<Cents>,
    /// How many (1 to 99).
    pub quantity: i32,
    /// What it is for; needed for a free-form comp.
    pub note: String,
}

/// A manual adjustment or a correction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Adjustment {
    /// Whose points.
    pub player_id: PlayerId,
    /// `manual_adjustment` or `correction`.
    pub reason: LoyaltyReason,
    /// Points added (negative to take some away); not zero.
    pub points: i32,
    /// Why: required.
    pub note: String,
    /// The ledger row a correction corrects (required for one, refused otherwise).
    pub corrects_id: Option<LedgerId>,
}

/// Approving or denying a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    /// The request.
    pub loyalty_request_id: LoyaltyRequestId,
    /// Why (optional, up to 200 characters).
    pub note: String,
}

/// The approval queue: today's pending requests, oldest first, and the viewer's authority.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApprovalQueue {
    /// Requests waiting, each with whether the viewer may approve it.
    pub requests: Vec<QueuedRequest>,
    /// The viewer's authority today.
    pub authority: Authority,
}

/// One line of the queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueuedRequest {
    /// The request.
    pub request: LoyaltyRequest,
    /// Whether the viewer may approve it: not their own, and within their authority.
    pub may_approve: bool,
}

/// A note as stored: trimmed; `None` when too long or holding control characters other than line breaks.
pub fn clean_note(note: &str) -> Option<String> {
    let note = note.trim();
    let plain = !note.chars().any(|c| c.is_control() && c != '\n');
    (plain && note.chars().count() <= 200).then(|| note.to_owned())
}

/// What a comp costs, as points taken from the balance (a positive number), or every field that is wrong.
///
/// A catalog item costs its point cost per unit, or for an "at value" item its value × `points_per_dollar`,
/// rounded up to a whole point (the player pays at least its value); a free-form comp costs the points
/// given, per unit. `item` is the catalog item the comp names, if it names one that exists.
pub fn comp_points(
    input: &Redemption,
    item: Option<&CompItem>,
    points_per_dollar: i32,
) -> Result<i64, Vec<FieldError>> {
    let mut problems = Vec::new();
    let quantity = i64::from(input.quantity);
    if !(1..=99).contains(&quantity) {
        problems.push(FieldError::new("quantity", ErrorCode::LoyaltyInvalidQuantity));
    }
    let note_ok = clean_note(&input.note).is_some_and(|n| input.item_id.is_some() || !n.is_empty());
    if !note_ok {
        problems.push(FieldError::new("note", ErrorCode::LoyaltyInvalidNote));
    }
    let unit = match (input.item_id, input.points, item) {
        (Some(_), None, Some(item)) => match (item.point_cost, input.value) {
            (Some(cost), None) => Some(i64::from(cost)),
            (None, Some(value)) if value.0 > 0 && value <= MOST_VALUE => {
                Some((value.0 * i64::from(points_per_dollar) + 99) / 100)
            }
            _ => {
                problems.push(FieldError::new("value", ErrorCode::LoyaltyInvalidValue));
                None
            }
        },
        (None, Some(points), None) if points > 0 && input.value.is_none() => Some(i64::from(points)),
        (None, Some(_), None) => {
            problems.push(FieldError::new("points", ErrorCode::LoyaltyInvalidPoints));
            None
        }
        _ => {
            problems.push(FieldError::new("item_id", ErrorCode::LoyaltyInvalidComp));
            None
        }
    };
    let total = unit.map(|unit| unit * quantity.clamp(1, 99));
    if total.is_some_and(|points| points > MOST_POINTS) {
        let field = if input.item_id.is_some() { "quantity" } else { "points" };
        problems.push(FieldError::new(field, ErrorCode::LoyaltyInvalidPoints));
    }
    match total {
        Some(points) if problems.is_empty() => Ok(points),
        _ => Err(problems),
    }
}

/// An adjustment's fields checked on their own (the corrected row is checked by [`fits_correction`]).
pub fn check_adjustment(input: &Adjustment) -> Result<String, Vec<FieldError>> {
    let mut problems = Vec::new();
    if !matches!(input.reason, LoyaltyReason::ManualAdjustment | LoyaltyReason::Correction) {
        problems.push(FieldError::new("reason", ErrorCode::LoyaltyInvalidReason));
    }
    if input.points == 0 || i64::from(input.points).abs() > MOST_POINTS {
        problems.push(FieldError::new("points", ErrorCode::LoyaltyInvalidPoints));
    }
    let note = clean_note(&input.note).filter(|n| !n.is_empty());
    if note.is_none() {
        problems.push(FieldError::new("note", ErrorCode::LoyaltyInvalidNote));
    }
    if (input.reason == LoyaltyReason::Correction) != input.corrects_id.is_some() {
        problems.push(FieldError::new("corrects_id", ErrorCode::LoyaltyInvalidCorrection));
    }
    match note {
        Some(note) if problems.is_empty() => Ok(note),
        _ => Err(problems),
    }
}

/// Whether a correction of `points` fits the row it corrects.
///
/// The row gave `original` points and was already corrected by
/// `corrected` points in all. A correction may add to a row or take back from it, but never past zero: the
/// row and its corrections together keep the row's sign.
pub fn fits_correction(original: i64, corrected: i64, points: i64) -> bool {
    let net = original + corrected + points;
    if original >= 0 { net >= 0 } else { net <= 0 }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;
    use uuid::Uuid;

    fn item(point_cost: Option<i32>) -> CompItem {
        CompItem {
            id: CompItemId(Uuid::nil()),
            name: "Buffet".into(),
            category: CompCategory::Food,
            point_cost,
            active: true,
            updated_at: DateTime::UNIX_EPOCH,
        }
    }

    fn comp(item_id: bool, points: Option<i32>, value: Option<i64>, quantity: i32, note: &str) -> Redemption {
        Redemption {
            player_id: PlayerId(Uuid::nil()),
            item_id: item_id.then(|| CompItemId(Uuid::nil())),
            points,
            value: value.map(Cents),
            quantity,
            note: note.into(),
        }
    }

    fn fields(result: Result<i64, Vec<FieldError>>) -> Vec<String> {
        result.err().unwrap_or_default().into_iter().map(|f| f.field).collect()
    }

    #[test]
    fn a_catalog_comp_costs_its_points_times_the_quantity() {
        assert_eq!(comp_points(&comp(true, None, None, 2, ""), Some(&item(Some(250))), 10), Ok(500));
    }

    #[rstest]
    // $42.50 at 10 points per dollar: 425 points.
    #[case(4_250, 10, 425)]
    // $12.34 at 10 points per dollar: 123.4, rounded up.
    #[case(1_234, 10, 124)]
    #[case(1, 1, 1)]
    fn an_at_value_comp_costs_its_value_at_the_casino_rate_rounded_up(
        #[case] value: i64,
        #[case] rate: i32,
        #[case] points: i64,
    ) {
        assert_eq!(comp_points(&comp(true, None, Some(value), 1, ""), Some(&item(None)), rate), Ok(points));
    }

    #[test]
    fn a_free_form_comp_costs_its_points_and_needs_a_note() {
        assert_eq!(comp_points(&comp(false, Some(300), None, 1, "Show tickets"), None, 10), Ok(300));
        assert_eq!(fields(comp_points(&comp(false, Some(300), None, 1, "  "), None, 10)), ["note"]);
        assert_eq!(fields(comp_points(&comp(false, Some(0), None, 1, "x"), None, 10)), ["points"]);
    }

    #[test]
    fn wrong_comps_are_named_by_field() {
        // Both an item and points; neither; an at-value item without a value; a value for a fixed cost.
        assert_eq!(fields(comp_points(&comp(true, Some(5), None, 1, ""), Some(&item(Some(1))), 10)), ["item_id"]);
        assert_eq!(fields(comp_points(&comp(false, None, None, 1, "x"), None, 10)), ["item_id"]);
        assert_eq!(fields(comp_points(&comp(true, None, None, 1, ""), Some(&item(None)), 10)), ["value"]);
        assert_eq!(fields(comp_points(&comp(true, None, Some(100), 1, ""), Some(&item(Some(1))), 10)), ["value"]);
        assert_eq!(fields(comp_points(&comp(true, None, Some(0), 1, ""), Some(&item(None)), 10)), ["value"]);
        assert_eq!(fields(comp_points(&comp(true, None, None, 0, ""), Some(&item(Some(1))), 10)), ["quantity"]);
        assert_eq!(fields(comp_points(&comp(true, None, None, 100, ""), Some(&item(Some(1))), 10)), ["quantity"]);
        assert_eq!(fields(comp_points(&comp(true, None, None, 2, ""), Some(&item(Some(600_000))), 10)), ["quantity"]);
        assert_eq!(
            fields(comp_points(&comp(true, None, None, 1, &"x".repeat(201)), Some(&item(Some(1))), 10)),
            ["note"]
        );
    }

    fn adjustment(reason: LoyaltyReason, points: i32, note: &str, corrects: bool) -> Adjustment {
        Adjustment {
            player_id: PlayerId(Uuid::nil()),
            reason,
            points,
            note: note.into(),
            corrects_id: corrects.then(|| LedgerId(Uuid::nil())),
        }
    }

    #[test]
    fn adjustments_need_a_reason_points_a_note_and_a_row_only_when_correcting() {
        use LoyaltyReason::{Correction, ManualAdjustment, Promotion};
        assert_eq!(
            check_adjustment(&adjustment(ManualAdjustment, -40, " Guest complaint ", false)),
            Ok("Guest complaint".into())
        );
        assert!(check_adjustment(&adjustment(Correction, -40, "Keyed twice", true)).is_ok());
        let fields = |a: Adjustment| -> Vec<String> {
            check_adjustment(&a).err().unwrap_or_default().into_iter().map(|f| f.field).collect()
        };
        assert_eq!(fields(adjustment(Promotion, 5, "x", false)), ["reason"]);
        assert_eq!(fields(adjustment(ManualAdjustment, 0, "", true)), ["points", "note", "corrects_id"]);
        assert_eq!(fields(adjustment(Correction, 1_000_001, "x", false)), ["points", "corrects_id"]);
    }

    #[rstest]
    // A 100-point reward taken back in full, in part, and one point too far.
    #[case(100, 0, -100, true)]
    #[case(100, -60, -40, true)]
    #[case(100, -60, -41, false)]
    // Under-credited: a correction may add.
    #[case(100, 0, 50, true)]
    // A comp (negative) given back, but not past zero.
    #[case(-300, 0, 300, true)]
    #[case(-300, 0, 301, false)]
    fn a_correction_never_takes_a_row_past_zero(
        #[case] original: i64,
        #[case] corrected: i64,
        #[case] points: i64,
        #[case] fits: bool,
    ) {
        assert_eq!(fits_correction(original, corrected, points), fits);
    }

    #[test]
    fn notes_allow_line_breaks_but_not_other_control_characters() {
        assert_eq!(clean_note(" two\nlines "), Some("two\nlines".into()));
        assert_eq!(clean_note("bell\u{7}"), None);
        assert_eq!(clean_note(&"x".repeat(201)), None);
    }
}
