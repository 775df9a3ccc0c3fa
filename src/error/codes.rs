//! The table of [`ErrorCode`]s: for each code its HTTP status and the sentence a floor supervisor reads.

use serde::{Deserialize, Serialize};

/// Declares [`ErrorCode`] with, for each code, its HTTP status and its message, so the three can never
/// drift apart. `Unknown` is added last for codes a newer server may send.
macro_rules! error_codes {
    ($( $(#[$doc:meta])* $name:ident = $status:literal, $message:literal; )*) => {
        /// A stable, machine-readable error code. Serialized in `UPPER_SNAKE_CASE`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "SCREAMING_SNAKE_CASE")]
        pub enum ErrorCode {
            $( $(#[$doc])* $name, )*
            /// A code this client does not know yet (sent by a newer server).
            #[serde(other)]
            Unknown,
        }

        impl ErrorCode {
            /// Every code, for table tests and documentation.
            pub const ALL: &'static [ErrorCode] = &[$(Self::$name,)* Self::Unknown];

            /// One plain sentence a floor supervisor understands, saying what to do when there is something to do.
            pub fn message(self) -> &'static str {
                match self {
                    $(Self::$name => $message,)*
                    Self::Unknown => "Something went wrong. Reload the page and try again.",
                }
            }

            /// The HTTP status for this code: 4xx for expected outcomes, 5xx only for server-side failures.
            pub fn http_status(self) -> u16 {
                match self {
                    $(Self::$name => $status,)*
                    Self::Unknown => 500,
                }
            }
        }
    };
}

error_codes! {
    // -- generic ------------------------------------------------------------------------------------------
    /// No valid session: the caller must sign in.
    Unauthenticated = 401, "You are not signed in, or your session has ended. Sign in again.";
    /// Signed in, but the role may not do this.
    Forbidden = 403, "Your role does not allow this action.";
    /// The thing asked for does not exist in this casino.
    NotFound = 404, "That record does not exist in this casino. Refresh the page.";
    /// One or more fields are invalid; see the field errors.
    ValidationFailed = 422, "Some fields need attention. Correct them and try again.";
    /// The request could not be understood (malformed or wrong-typed body).
    BadRequest = 400, "The request was not understood. Reload the page and try again.";
    /// The request body is larger than the server accepts.
    PayloadTooLarge = 413, "The request is too large.";
    /// The same request id was already used for a different action.
    IdempotencyKeyReused = 409, "This request id was already used for a different request. Reload the page and try again.";
    /// No API endpoint at that path.
    UnknownEndpoint = 404, "There is no such API endpoint.";
    /// A state-changing request sent from another web site (CSRF).
    CrossSiteRequest = 403, "This request came from another web site and was refused.";
    /// An unexpected failure on the server; details are in the server log under the request id.
    Internal = 500, "Something went wrong on the server. Quote the request id to support.";
    /// The server cannot reach its database right now.
    Unavailable = 503, "The database is unavailable right now. Try again in a moment.";
    /// The browser could not reach the server or read its answer.
    Transport = 502, "The server could not be reached. Check the connection and try again.";

    // -- auth ---------------------------------------------------------------------------------------------
    /// Wrong email or password, or an account that may not sign in.
    AuthInvalidCredentials = 401, "Wrong email or password.";
    /// Too many failed sign-in attempts for this account in a short time.
    AuthThrottled = 429, "Too many failed sign-in attempts for this account. Wait 15 minutes and try again.";
    /// The code from the authenticator app (or the recovery code) is wrong, expired or already used.
    AuthCodeWrong = 401, "That code is not right. Enter the code your authenticator app shows now, or an unused recovery code.";
    /// The password was right, and the account's second factor is still to come: only the code step and
    /// signing out are allowed.
    SecondFactorRequired = 401, "Enter the code from your authenticator app to finish signing in.";
    /// Enrolling a second factor while one is already enrolled.
    SecondFactorAlreadyEnrolled = 409, "A second factor is already set up for this account. An admin can reset it.";
    /// Confirming a second factor whose enrolment was never started.
    SecondFactorNotStarted = 409, "Start setting up the authenticator first: scan the QR code, then enter its code.";
    /// Resetting the second factor of someone who has none.
    StaffNoSecondFactor = 409, "This staff member has no second factor to reset.";
    /// An admin resetting their own second factor (a stolen session must not be able to drop it).
    StaffOwnSecondFactor = 409, "You cannot remove your own second factor: ask another admin, or use a recovery code.";

    // -- casino and staff ---------------------------------------------------------------------------------
    /// The time zone is not a known IANA zone name.
    CasinoInvalidTimezone = 422, "Unknown time zone. Use an IANA name such as America/Los_Angeles.";
    /// The gaming day start is not a valid HH:MM time.
    CasinoInvalidGamingDayStart = 422, "Enter the gaming day start as HH:MM, for example 06:00.";
    /// A compliance threshold is not a positive amount, or the watchlist floor is not below the CTR threshold.
    CasinoInvalidThreshold = 422, "Thresholds must be positive amounts, with the watchlist floor below the CTR threshold.";
    /// The reward cap per issuance is not a positive number of points.
    CasinoInvalidRewardCap = 422, "The reward cap must be a positive number of points.";
    /// How late a queued action may arrive must be 1 to 720 minutes.
    CasinoInvalidLateActionWindow = 422, "Enter how many minutes after a tap a tablet's queued action may still be recorded: 1 to 720.";
    /// A filer detail (legal name, address) too long or holding control characters.
    CasinoInvalidFiler = 422, "Too long, or not plain text: a legal name or street is up to 200 characters, a ZIP code 20, the rest 100.";
    /// An EIN that is not nine digits.
    CasinoInvalidEin = 422, "An EIN is 9 digits, written 12-3456789.";
    /// A structuring margin outside 1 to 50 percent, or a window outside 2 to 7 gaming days.
    CasinoInvalidStructuring = 422, "The margin is 1 to 50 percent of a threshold, the window 2 to 7 gaming days.";
    /// A casino name is empty or longer than 100 characters.
    CasinoInvalidName = 422, "Enter a casino name of 1 to 100 characters.";
    /// A staff name is empty or longer than 100 characters.
    StaffInvalidName = 422, "Enter a name of 1 to 100 characters.";
    /// Not an email address.
    StaffInvalidEmail = 422, "Enter an email address such as name@casino.com.";
    /// Another staff member already signs in with this email.
    StaffEmailTaken = 422, "Another staff member already signs in with this email.";
    /// Dealers cannot have a login.
    StaffDealerHasNoLogin = 422, "Dealers do not sign in to pitboss, so they get no login.";
    /// The new password is shorter than twelve characters.
    StaffPasswordTooShort = 422, "Choose a password of at least 12 characters.";
    /// The new password is the person's sign-in email, or its name part.
    StaffPasswordIsEmail = 422, "Choose a password that is not your sign-in email.";
    /// The new password is one of the passwords people pick first.
    StaffPasswordTooCommon = 422, "That password is among the first ones tried by anyone guessing: choose another.";
    /// An admin deactivating or demoting themselves.
    StaffSelfChange = 409, "You cannot deactivate yourself or give up your own admin role: ask another admin.";
    /// Demoting or deactivating the casino's last active admin.
    StaffLastAdmin = 409, "This is the casino's last active admin: make someone else an admin first.";
    /// Lifting the sign-in lock of someone who is not locked out (the lock may have run out).
    StaffNotLocked = 409, "This account is not locked out (the lock may have run out).";
    /// A sign-in with a temporary password: every call but choosing a new password is refused.
    PasswordChangeRequired = 403, "Choose a new password before you go on.";
    /// The new password is the current one.
    StaffPasswordUnchanged = 422, "Choose a password different from the one you have now.";
    /// The new password typed twice differently (caught in the browser).
    PasswordsDiffer = 422, "The two new passwords differ: type the same one twice.";
    /// The current password given to change it is wrong.
    AuthCurrentPasswordWrong = 422, "That is not your current password.";

    /// An audit filter's action is not an action or the start of one.
    AuditInvalidAction = 422, "Enter an action such as staff.deactivated, or its start such as staff.: lowercase letters, dots and underscores.";

    // -- tables and games ---------------------------------------------------------------------------------
    /// A table label is empty or longer than 20 characters.
    TableInvalidLabel = 422, "Enter a table label of 1 to 20 characters, such as BJ-01.";
    /// A pit name is empty or longer than 50 characters.
    TableInvalidPit = 422, "Enter a pit name of 1 to 50 characters.";
    /// Another table of the casino has this label.
    TableLabelTaken = 422, "Another table already has this label.";
    /// The command does not apply to the table's current state (open an active table, close a closed one).
    TableInvalidState = 409, "The table is not in a state that allows this. Refresh to see its current status.";
    /// Retiring an open table, or changing its seats while players may sit in them.
    TableIsOpen = 409, "Close the table first.";
    /// Dealers can be assigned only to an active table.
    TableNotActive = 409, "The table is not open. Open it before assigning a dealer.";
    /// Rating slips are still open or paused at the table.
    TableHasOpenSlips = 409, "Players are still rated at this table. Close their rating slips first.";
    /// Not an active dealer of this casino, or just assigned to another table by someone else.
    DealerNotAvailable = 409, "That dealer is not available. Refresh the dealer list and choose again.";
    /// Dealer assignment is switched off by the `dealer_rotation_log_readonly` feature flag.
    DealerRotationReadonly = 409, "Dealer rotation is read-only at this casino right now; the history stays visible.";
    /// Minimum or maximum bet is not positive, or the maximum is below the minimum.
    GameInvalidLimits = 422, "Limits must be positive, with the maximum at least the minimum.";
    /// Seats must be 1 to 20.
    GameInvalidSeats = 422, "A table has 1 to 20 seats.";
    /// The house edge must be above 0% and at most 100%.
    GameInvalidHouseEdge = 422, "Enter a house edge above 0% and at most 100%, for example 1.50.";
    /// Decisions per hour must be 1 to 1,000.
    GameInvalidDecisions = 422, "Enter 1 to 1,000 decisions per hour.";
    /// Points per theo dollar or the multiplier is out of range.
    GameInvalidPoints = 422, "Points per theo dollar must be 0 to 1,000, and the multiplier 0× to 100×.";
    /// A new game's name is empty, longer than 40 characters, or has no letter or digit to make its key from.
    GameInvalidName = 422, "Enter a game name of 1 to 40 characters, such as Three Card Poker.";
    /// Another game of the casino, retired ones included, has this name (or one that makes the same key).
    GameNameTaken = 422, "The casino already has a game of this name (perhaps retired): choose another.";
    /// Retiring a game that tables on the floor still deal.
    GameInUse = 409, "Tables on the floor still deal this game: retire them first.";

    // -- visits and rating slips ---------------------------------------------------------------------------
    /// The player is not enrolled at this casino.
    PlayerNotEnrolled = 409, "This player is not enrolled here. Enroll them first.";
    /// The player is already checked in.
    VisitAlreadyActive = 409, "This player is already checked in.";
    /// The visit has ended.
    VisitNotActive = 409, "This player has already checked out. Check them in again.";
    /// The seat number is not one of the table's seats.
    SeatOutOfRange = 422, "That seat does not exist at this table.";
    /// Someone already sits in that seat.
    SeatOccupied = 409, "Someone already sits in that seat. Refresh the seat map and choose another.";
    /// The player's rating slip is still open or paused.
    VisitHasActiveSlip = 409, "Close the player's rating slip before moving them or checking them out.";
    /// The slip's state does not allow this (resume an open slip, pause a closed one…).
    RatingSlipInvalidState = 409, "The rating slip is not in a state that allows this. Refresh to see its status.";
    /// Rating needs the player seated at that table.
    RatingSlipNotSeated = 409, "Seat the player at this table before rating them.";
    /// The player already has an open or paused slip at this table.
    RatingSlipAlreadyActive = 409, "This player is already being rated at this table.";
    /// An average bet must be from zero to $10,000,000.
    RatingSlipInvalidAverageBet = 422, "Enter an average bet in dollars, from zero to $10,000,000.";
    /// The average bet is below the table's minimum or above its maximum.
    RatingSlipBetOutsideLimits = 422, "That average bet is outside this table's limits. Enter a bet the table takes.";
    /// The visit or slip belongs to a gaming day that has ended and is about to be carried over to the new one.
    GamingDayRolloverPending = 409, "The gaming day has just changed: this player's visit is being carried over to the new day. Refresh in a moment and try again.";
    /// A queued action's tap instant is ahead of the server's clock by more than a few seconds.
    ActionTappedInFuture = 422, "This tablet's clock is ahead of the server's, so the time of the action cannot be used. Set the tablet's date and time, then do it again.";
    /// A queued action was tapped longer ago than the casino allows (`late_action_minutes`).
    ActionTappedTooLongAgo = 422, "This action was made too long ago to be recorded at its time. Check the slip and record what is true now.";
    /// A queued action was tapped before the slip's last change, which it cannot precede.
    ActionTappedBeforeLastChange = 409, "The rating slip changed after this action was made, so it cannot be recorded at its time. Refresh to see the slip.";
    /// A forced close needs a reason of 1 to 200 characters.
    TableCloseReasonInvalid = 422, "Give a reason of 1 to 200 characters for closing the table with players rated.";

    // -- loyalty ------------------------------------------------------------------------------------------
    /// Rewards are issued only while a slip is open or paused.
    LoyaltySlipClosed = 409, "This rating slip is closed. Rewards are issued only while the player is rated.";
    /// The slip is not the named player's.
    LoyaltyWrongPlayer = 409, "That rating slip belongs to another player. Refresh the seat map.";
    /// A reward of zero or fewer points.
    LoyaltyInvalidPoints = 422, "Enter a whole number of points above zero.";
    /// More points than the casino allows in one reward.
    LoyaltyOverCap = 422, "That is more points than one reward may give here. Lower the points, or ask an admin about the cap.";
    /// A reason other than mid-session reward or promotion.
    LoyaltyInvalidReason = 422, "Choose why the reward is given: mid-session reward or promotion.";
    /// Points the player does not have: a comp or a deduction would take the balance below zero.
    LoyaltyInsufficientPoints = 409, "The player does not have enough points for this. Check the balance shown, then lower the points.";
    /// Beyond the staff member's authority, where waiting for approval is not possible (a reward on a slip, an approval).
    LoyaltyOverAuthority = 403, "That is beyond your authority: more discretionary points than you may give in one comp or in what is left of your shift. Ask a supervisor.";
    /// Approving or denying one's own request.
    LoyaltySelfApproval = 403, "You cannot decide your own request. Another supervisor must approve or deny it.";
    /// Deciding a request that was approved or denied already.
    LoyaltyRequestDecided = 409, "This request was approved or denied already. Refresh to see by whom.";
    /// Deciding a pending request of an earlier gaming day.
    LoyaltyRequestExpired = 409, "This request expired at the end of its gaming day. Write it again if it still stands.";
    /// A comp that names both a catalog item and points, or neither.
    LoyaltyInvalidComp = 422, "Choose a comp from the catalog, or enter the points of a free-form comp, not both.";
    /// A catalog item retired from use.
    LoyaltyCompUnavailable = 409, "That comp is no longer offered. Choose another, or ask an admin.";
    /// A quantity outside 1 to 99.
    LoyaltyInvalidQuantity = 422, "Enter a quantity from 1 to 99.";
    /// An "at value" comp without its dollar value, or a value given for a fixed-cost comp.
    LoyaltyInvalidValue = 422, "Enter the comp's value in dollars, above zero and at most $100,000 (only for comps priced at value).";
    /// A note over 200 characters, holding control characters, or missing where one is needed.
    LoyaltyInvalidNote = 422, "Write a note of up to 200 characters; adjustments, corrections and free-form comps need one.";
    /// A correction of a row that does not exist, is a correction itself, or would take back more than it gave.
    LoyaltyInvalidCorrection = 409, "That correction does not fit the entry it corrects: choose an entry that is not a correction, and take back at most what it gave.";
    /// A catalog item's name is empty, too long or taken.
    CompItemInvalidName = 422, "Enter a name of 1 to 80 characters that no other comp uses.";
    /// A catalog item's point cost outside 1 to 1,000,000.
    CompItemInvalidCost = 422, "Enter a point cost from 1 to 1,000,000, or leave it empty to price the comp at value.";
    /// Authority limits or the comp rate out of range.
    LoyaltyInvalidSettings = 422, "Limits are 0 to 1,000,000 points per comp and no less per shift; the comp rate is 1 to 10,000 points per dollar.";

    // -- finance and feature flags ------------------------------------------------------------------------
    /// Deposits and withdrawals are switched off by the `finance_minimal_enabled` feature flag.
    FinanceFeatureDisabled = 403, "Deposits and withdrawals are turned off at this casino (feature flag finance_minimal_enabled). Ask an admin.";
    /// Pit bosses record at the pit and cashiers at the cage.
    FinanceSourceNotAllowed = 403, "Pit bosses record entries at the pit and cashiers at the cage.";
    /// The visit or rating slip named belongs to another player.
    FinanceWrongPlayer = 409, "That visit or rating slip belongs to another player. Refresh and try again.";
    /// The amount is not a positive dollar amount of at most $100,000,000.
    FinanceInvalidAmount = 422, "Enter an amount in dollars, above zero and at most $100,000,000.";
    /// A note over 200 characters, or a reversal without its reason.
    FinanceInvalidNote = 422, "Notes are up to 200 characters, and a reversal needs a reason.";
    /// The entry is a reversal itself, or has been reversed already.
    FinanceNotReversible = 409, "That entry is a reversal or has been reversed already.";

    /// An MTL note is empty, longer than 1,000 characters, or has control characters other than line breaks.
    MtlInvalidNote = 422, "Write a note of 1 to 1,000 characters.";
    /// A note about, or a read of, a gaming day that has not begun.
    MtlInvalidDay = 422, "Choose today's gaming day or an earlier one.";
    /// A page of the MTL of more than 1,000 or fewer than 1 entries, or from a position no page gave.
    MtlInvalidPage = 422, "Show 1 to 1,000 entries at a time, paging on from the list shown.";
    /// Marking filed a CTR for a patron whose cash that day stayed at or under the threshold both ways.
    CtrNotDue = 409, "No CTR is due for this patron that gaming day: their cash in and out stayed at or under the threshold.";
    /// Marking filed a worksheet with fields missing.
    CtrIncomplete = 409, "The worksheet is missing fields: complete the patron's identification and the casino's filer details first.";
    /// Marking filed a CTR already marked filed.
    CtrAlreadyFiled = 409, "This CTR is already marked filed. Refresh to see when and by whom.";
    /// A filing date before the gaming day, or after today.
    CtrInvalidFiledOn = 422, "Enter the date it was filed: on or after the gaming day, and not after today.";
    /// A BSA identifier longer than 100 characters, or other than letters, digits and dashes.
    CtrInvalidReference = 422, "A BSA identifier is up to 100 letters, digits and dashes; leave it empty if you have none yet.";

    // -- players ------------------------------------------------------------------------------------------
    /// A player name is empty or longer than 100 characters.
    PlayerInvalidName = 422, "Enter a name of 1 to 100 characters.";
    /// The birth date is in the future, before 1900, or makes the player younger than 18.
    PlayerInvalidBirthDate = 422, "Enter a birth date from 1900 on, for a player at least 18 years old.";
    /// An identification field longer than its limit, or holding control characters.
    IdentificationInvalidText = 422, "Too long, or not plain text: an address is up to 200 characters, a postal code 20, a country 60, the rest 100.";
    /// An ID number that is not 4 to 40 letters, digits, spaces and dashes.
    IdentificationInvalidNumber = 422, "An ID number is 4 to 40 letters, digits, spaces and dashes.";
    /// An SSN or TIN that is not nine digits.
    IdentificationInvalidTin = 422, "An SSN or TIN is 9 digits; dashes are allowed (123-45-6789).";
    /// An ID expiry before 1900 or after 2100.
    IdentificationInvalidExpiry = 422, "Enter the ID's expiry date as printed on it.";
    /// A member file with problems: nothing was imported.
    ImportInvalid = 422, "The file has problems, so nothing was imported: correct the lines listed and import it again.";
    /// A member file with no header line.
    ImportEmpty = 422, "The file is empty: its first line must name the columns (first_name, last_name, birth_date, member_number).";
    /// A member file with more rows than one import takes.
    ImportTooManyRows = 422, "The file has more than 20,000 members: split it and import each part.";
    /// A row with more or fewer fields than the header names.
    ImportRowShape = 422, "This line has a different number of fields than the header: check its commas and quotes.";
    /// A header naming a column the import does not know.
    ImportUnknownColumn = 422, "Unknown column: the columns are first_name, last_name, birth_date and member_number.";
    /// A header without a column the import needs.
    ImportMissingColumn = 422, "The header must name this column.";
    /// A member number other than letters, digits and dashes, or too long.
    ImportInvalidMemberNumber = 422, "A member number is up to 40 letters, digits and dashes.";
    /// A barred or self-excluded player cannot be checked in, seated or rewarded.
    PlayerExcluded = 409, "This player is barred or self-excluded here: they cannot be checked in, seated or rewarded. Ask compliance.";
    /// An exclusion needs a reason of 1 to 200 characters.
    ExclusionInvalidReason = 422, "Give a reason of 1 to 200 characters.";
    /// An exclusion's end must be in the future.
    ExclusionInvalidUntil = 422, "The end of the exclusion must be in the future, or left empty for no end.";
    /// The exclusion has been lifted already.
    ExclusionAlreadyLifted = 409, "This flag has been lifted already. Refresh to see the player's flags.";

    // -- table games accounting ----------------------------------------------------------------------------
    /// A count names a chip the casino's chip set does not have.
    CountUnknownDenomination = 422, "That chip is not in the casino's chip set. Count only the casino's chips.";
    /// A chip count that is negative, not whole, or over 100,000.
    CountInvalidQuantity = 422, "Enter a whole number of chips from 0 to 100,000.";
    /// A fill or credit of no chips at all.
    CountEmpty = 422, "Enter at least one chip.";
    /// The witness is not an active dealer of this casino.
    CountInvalidWitness = 422, "Name the dealer who watched the count: an active dealer of this casino.";
    /// The count's kind does not fit the table's state.
    CountKindNotAllowed = 409, "An opening count is taken while the table is closed; shift-change and closing counts while it is open.";
    /// Opening a table whose tray has not been counted since it last closed.
    TableOpeningCountRequired = 409, "Count the tray first: record the table's opening count, then open it.";
    /// Closing a table whose tray has not been counted since its last fill or credit.
    TableClosingCountRequired = 409, "Count the tray first: record the table's closing count (after its last fill or credit), then close it.";
    /// Closing a table while fills or credits of it await the cage.
    TableCageRequestsPending = 409, "A fill or credit for this table still awaits the cage: have it confirmed or cancel it, then count and close.";
    /// A chip set that is empty, too long, out of range or with repeats.
    ChipSetInvalid = 422, "List 1 to 20 different chip values from $0.01 to $100,000.";
    /// The fill or credit was confirmed or cancelled already.
    CageRequestResolved = 409, "This request was confirmed or cancelled already. Refresh to see it.";
    /// Whoever asked for a fill or credit cannot confirm it.
    CageSelfConfirm = 403, "You asked for these chips: a different person must confirm them at the cage.";
    /// A drop for a gaming day still being played at that table.
    DropDayNotEnded = 422, "Enter the drop once the table has closed: for a past gaming day, or for today's once the table is closed.";
    /// A drop amount below zero or too large.
    DropInvalidAmount = 422, "Enter an amount from $0.00 to $10,000,000.00.";
    /// A drop correction needs a reason of 1 to 200 characters.
    DropInvalidReason = 422, "Give a reason of 1 to 200 characters.";
    /// The drop entry is a reversal or has been reversed already.
    DropNotReversible = 409, "That drop entry is a reversal or has been reversed already.";
    /// A shift's drop naming a count that did not end a shift of that table and gaming day.
    DropUnknownShift = 422, "Choose a shift of this table that ended on that gaming day.";
}
