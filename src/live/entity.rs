//! The kinds of record an audit row (and so a live event) names: one list for the writers, the database's
//! check on `audit_log.entity` and the pages that follow changes.

use serde::{Deserialize, Serialize};

/// A kind of record whose changes are audited and announced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Entity {
    /// A casino (created with its first staff).
    Casino,
    /// A casino's settings.
    CasinoSettings,
    /// An item of the casino's comp catalog.
    CompItem,
    /// A Currency Transaction Report marked filed.
    CtrFiling,
    /// A dealer's time at a table.
    DealerRotation,
    /// A casino's feature switches.
    FeatureFlag,
    /// A casino's settings for one game.
    GameSettings,
    /// A table, opened and closed.
    GamingTable,
    /// A loyalty points entry.
    LoyaltyLedger,
    /// A comp, manual adjustment or correction asked for, and its approval or denial.
    LoyaltyRequest,
    /// A compliance officer's note on an MTL entry or a patron's gaming day.
    MtlAuditNote,
    /// The first time a gaming day a patron's cash in one direction reached a threshold, and its acknowledgement.
    MtlThresholdAlert,
    /// An enrolled player.
    Player,
    /// A player's exclusion or watch flag.
    PlayerExclusion,
    /// A deposit, withdrawal or buy-in, or its reversal.
    PlayerFinancialTransaction,
    /// A patron's identification (address, occupation, government ID) at a casino, and each reveal of its numbers.
    PlayerIdentification,
    /// A rating slip.
    RatingSlip,
    /// A staff member, and their sessions.
    Staff,
    /// A fill or credit between a table and the cage.
    TableCageRequest,
    /// A table's drop for a gaming day, or its reversal.
    TableDrop,
    /// A count of a table's chip tray.
    TableInventoryCount,
    /// A player's visit, from check-in to check-out.
    Visit,
}

impl Entity {
    /// Every kind, in the order of the database's check (`audit_log_entity_known`).
    pub const ALL: [Entity; 22] = [
        Self::Casino,
        Self::CasinoSettings,
        Self::CompItem,
        Self::CtrFiling,
        Self::DealerRotation,
        Self::FeatureFlag,
        Self::GameSettings,
        Self::GamingTable,
        Self::LoyaltyLedger,
        Self::LoyaltyRequest,
        Self::MtlAuditNote,
        Self::MtlThresholdAlert,
        Self::Player,
        Self::PlayerExclusion,
        Self::PlayerFinancialTransaction,
        Self::PlayerIdentification,
        Self::RatingSlip,
        Self::Staff,
        Self::TableCageRequest,
        Self::TableDrop,
        Self::TableInventoryCount,
        Self::Visit,
    ];

    /// The name stored in `audit_log.entity` and sent to browsers.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Casino => "casino",
            Self::CasinoSettings => "casino_settings",
            Self::CompItem => "comp_item",
            Self::CtrFiling => "ctr_filing",
            Self::DealerRotation => "dealer_rotation",
            Self::FeatureFlag => "feature_flag",
            Self::GameSettings => "game_settings",
            Self::GamingTable => "gaming_table",
            Self::LoyaltyLedger => "loyalty_ledger",
            Self::LoyaltyRequest => "loyalty_request",
            Self::MtlAuditNote => "mtl_audit_note",
            Self::MtlThresholdAlert => "mtl_threshold_alert",
            Self::Player => "player",
            Self::PlayerExclusion => "player_exclusion",
            Self::PlayerFinancialTransaction => "player_financial_transaction",
            Self::PlayerIdentification => "player_identification",
            Self::RatingSlip => "rating_slip",
            Self::Staff => "staff",
            Self::TableCageRequest => "table_cage_request",
            Self::TableDrop => "table_drop",
            Self::TableInventoryCount => "table_inventory_count",
            Self::Visit => "visit",
        }
    }
}

impl std::fmt::Display for Entity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::Entity;

    #[test]
    fn the_stored_name_is_the_serialised_name() {
        for entity in Entity::ALL {
            assert_eq!(serde_json::to_value(entity).ok(), Some(serde_json::Value::from(entity.as_str())));
            let parsed: Entity = serde_json::from_value(entity.as_str().into()).expect("parses");
            assert_eq!(parsed, entity);
        }
    }
}
