//! The comp catalog: what the pit may write a comp for, at a fixed point cost or "at value".

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::define_id;
use crate::error::{ErrorCode, FieldError};

define_id!(
    /// An item of a casino's comp catalog.
    CompItemId
);

/// What kind of comp an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "db", derive(sqlx::Type), sqlx(type_name = "comp_category", rename_all = "snake_case"))]
pub enum CompCategory {
    /// A meal.
    Food,
    /// Drinks.
    Beverage,
    /// A hotel room.
    Room,
    /// Free slot or table play.
    FreePlay,
    /// Goods from a shop.
    Retail,
    /// Anything else.
    Other,
}

impl CompCategory {
    /// Every category, in the order forms list them.
    pub const ALL: [Self; 6] = [Self::Food, Self::Beverage, Self::Room, Self::FreePlay, Self::Retail, Self::Other];

    /// As a person reads it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Food => "Food",
            Self::Beverage => "Beverage",
            Self::Room => "Room",
            Self::FreePlay => "Free play",
            Self::Retail => "Retail",
            Self::Other => "Other",
        }
    }

    /// The stored name, as forms send it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Food => "food",
            Self::Beverage => "beverage",
            Self::Room => "room",
            Self::FreePlay => "free_play",
            Self::Retail => "retail",
            Self::Other => "other",
        }
    }

    /// The category a stored name stands for.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

/// A catalog item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompItem {
    /// Its id.
    pub id: CompItemId,
    /// Its name, unique in the casino regardless of case.
    pub name: String,
    /// Its kind.
    pub category: CompCategory,
    /// Points per unit; `None` when priced at value (points = value × the casino's comp rate).
    pub point_cost: Option<i32>,
    /// Whether it may be written; retired items stay for the comp slips that name them.
    pub active: bool,
    /// When it was last changed.
    pub updated_at: DateTime<Utc>,
}

/// An item as the admin saves it: a new one without `id`, else a change to that one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompItemInput {
    /// The item to change; `None` to add one.
    pub id: Option<CompItemId>,
    /// 1 to 80 characters.
    pub name: String,
    /// Its kind.
    pub category: CompCategory,
    /// 1 to 1,000,000 points, or `None` for at value.
    pub point_cost: Option<i32>,
    /// Offered or retired.
    pub active: bool,
}

/// The input trimmed, or every field that is wrong.
pub fn validate(input: &CompItemInput) -> Result<CompItemInput, Vec<FieldError>> {
    let mut problems = Vec::new();
    let name = input.name.trim().to_owned();
    if name.is_empty() || name.chars().count() > 80 || name.chars().any(char::is_control) {
        problems.push(FieldError::new("name", ErrorCode::CompItemInvalidName));
    }
    if input.point_cost.is_some_and(|cost| !(1..=1_000_000).contains(&cost)) {
        problems.push(FieldError::new("point_cost", ErrorCode::CompItemInvalidCost));
    }
    if problems.is_empty() { Ok(CompItemInput { name, ..input.clone() }) } else { Err(problems) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(name: &str, point_cost: Option<i32>) -> CompItemInput {
        CompItemInput { id: None, name: name.to_owned(), category: CompCategory::Food, point_cost, active: true }
    }

    #[test]
    fn a_valid_item_is_trimmed() {
        assert_eq!(validate(&input("  Buffet ", Some(250))).map(|i| i.name), Ok("Buffet".to_owned()));
        assert!(validate(&input("Steakhouse", None)).is_ok());
    }

    #[test]
    fn bad_names_and_costs_are_named_by_field() {
        let fields = |i: CompItemInput| -> Vec<String> {
            validate(&i).err().unwrap_or_default().into_iter().map(|f| f.field).collect()
        };
        assert_eq!(fields(input(" ", Some(0))), ["name", "point_cost"]);
        assert_eq!(fields(input(&"x".repeat(81), Some(1_000_001))), ["name", "point_cost"]);
        assert_eq!(fields(input("Tab\tname", Some(1))), ["name"]);
        assert_eq!(fields(input(&"x".repeat(80), Some(1_000_000))), Vec::<String>::new());
    }

    #[test]
    fn categories_round_trip_their_names() {
        for category in CompCategory::ALL {
            assert_eq!(CompCategory::parse(category.as_str()), Some(category));
        }
        assert_eq!(CompCategory::parse("spa"), None);
    }
}
