//! The custom SQLSTATEs the database functions raise, in one registry: one code, one meaning, everywhere.
//!
//! A refusal decided in SQL (a rule that must hold for every writer) is raised as `PBnnn`; the services turn
//! it back into their own error variant through [`Refusal`]. A test (`tests/migrations.rs`) fails when a
//! function raises a code not listed here, so a new meaning cannot reuse an old number.

macro_rules! refusals {
    ($( $(#[$meta:meta])* $variant:ident = $state:literal, )*) => {
        /// A refusal raised by a database function, by its SQLSTATE.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Refusal {
            $( $(#[$meta])* $variant, )*
        }

        impl Refusal {
            /// Every registered refusal.
            pub const ALL: &[Refusal] = &[$( Refusal::$variant, )*];

            /// The SQLSTATE the database raises it as.
            pub const fn sqlstate(self) -> &'static str {
                match self {
                    $( Refusal::$variant => $state, )*
                }
            }

            /// The refusal a SQLSTATE stands for, if it is one of ours.
            pub fn from_sqlstate(state: &str) -> Option<Refusal> {
                match state {
                    $( $state => Some(Refusal::$variant), )*
                    _ => None,
                }
            }
        }
    };
}

refusals! {
    /// No casino or staff member in the transaction's context.
    NoContext = "PB401",
    /// The acting role may not do this.
    RoleForbidden = "PB403",
    /// No such row in the actor's casino.
    NotFound = "PB404",
    /// The rating slip is closed.
    SlipClosed = "PB409",
    /// The slip or visit named belongs to another player.
    WrongPlayer = "PB410",
    /// The player is not enrolled at this casino.
    NotEnrolled = "PB411",
    /// The request id was already used for a request with other arguments.
    KeyReused = "PB412",
    /// Loyalty points not above zero.
    InvalidPoints = "PB422",
    /// Loyalty points above the casino's cap for one reward.
    OverCap = "PB423",
    /// A loyalty reason the pit may not pick.
    InvalidReason = "PB424",
    /// The caller's reading of the slip (seconds played, theo) is missing or negative.
    InvalidReading = "PB425",
    /// The player is barred or self-excluded here: no check-in, seat or reward.
    PlayerExcluded = "PB430",
    /// Finance entries are switched off for the casino.
    FinanceDisabled = "PB451",
    /// A finance amount not above zero.
    InvalidAmount = "PB452",
    /// A finance note too long, or a reversal without a reason.
    InvalidNote = "PB453",
    /// The role may not record at that source.
    SourceNotAllowed = "PB454",
    /// The finance entry is a reversal or already reversed.
    NotReversible = "PB455",
    /// A fill or credit request that was confirmed or cancelled already.
    CageRequestResolved = "PB460",
}

/// The registered refusal a database error carries, if any.
#[cfg(feature = "db")]
pub fn refusal(error: &sqlx::Error) -> Option<Refusal> {
    super::sqlstate(error).as_deref().and_then(Refusal::from_sqlstate)
}

#[cfg(test)]
mod tests {
    use super::Refusal;
    use std::collections::HashSet;

    #[test]
    fn each_sqlstate_has_one_meaning() {
        let states: HashSet<_> = Refusal::ALL.iter().map(|r| r.sqlstate()).collect();
        assert_eq!(states.len(), Refusal::ALL.len());
        for refusal in Refusal::ALL {
            assert_eq!(Refusal::from_sqlstate(refusal.sqlstate()), Some(*refusal));
            let state = refusal.sqlstate();
            assert!(state.len() == 5 && state.starts_with("PB"), "{state} is not a PBnnn SQLSTATE");
        }
        assert_eq!(Refusal::from_sqlstate("23505"), None);
    }
}
