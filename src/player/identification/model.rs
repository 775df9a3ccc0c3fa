//! A patron's identification as screens show it (numbers by their last four), what a form sends, and the
//! numbers a compliance officer reveals; shared by the server and the browser.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::player::PlayerId;

/// The kind of government ID seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdType {
    /// A driver's licence.
    DriversLicense,
    /// A passport.
    Passport,
    /// A state identification card.
    StateId,
    /// A military ID.
    MilitaryId,
    /// An alien registration card.
    AlienRegistration,
    /// Another government ID (the issuer says which).
    Other,
}

impl IdType {
    /// Every kind, in the order forms offer them.
    pub const ALL: [Self; 6] =
        [Self::DriversLicense, Self::Passport, Self::StateId, Self::MilitaryId, Self::AlienRegistration, Self::Other];

    /// The stored key.
    pub fn key(self) -> &'static str {
        match self {
            Self::DriversLicense => "drivers_license",
            Self::Passport => "passport",
            Self::StateId => "state_id",
            Self::MilitaryId => "military_id",
            Self::AlienRegistration => "alien_registration",
            Self::Other => "other",
        }
    }

    /// The kind a stored key names.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.key() == key)
    }

    /// As forms and worksheets show it.
    pub fn label(self) -> &'static str {
        match self {
            Self::DriversLicense => "Driver's licence",
            Self::Passport => "Passport",
            Self::StateId => "State ID card",
            Self::MilitaryId => "Military ID",
            Self::AlienRegistration => "Alien registration",
            Self::Other => "Other government ID",
        }
    }
}

/// A patron's identification at this casino, numbers shown by their last four characters only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identification {
    /// The patron.
    pub player_id: PlayerId,
    /// Street address.
    pub address_line: String,
    /// City.
    pub city: String,
    /// State, province or region.
    pub region: String,
    /// ZIP or postal code.
    pub postal_code: String,
    /// Country.
    pub country: String,
    /// Occupation, profession or business.
    pub occupation: String,
    /// The ID seen.
    pub id_type: Option<IdType>,
    /// Who issued it: a state or a country.
    pub id_issuer: String,
    /// When it expires.
    pub id_expires: Option<NaiveDate>,
    /// The ID number's last four characters, if one is on file.
    pub id_number_last4: Option<String>,
    /// The SSN or TIN's last four digits, if one is on file.
    pub tin_last4: Option<String>,
    /// Who last changed it ("First Last"); `None` while nothing is on file.
    pub updated_by: Option<String>,
    /// When.
    pub updated_at: Option<DateTime<Utc>>,
}

impl Identification {
    /// Nothing on file for `player_id`.
    pub fn empty(player_id: PlayerId) -> Self {
        Self {
            player_id,
            address_line: String::new(),
            city: String::new(),
            region: String::new(),
            postal_code: String::new(),
            country: String::new(),
            occupation: String::new(),
            id_type: None,
            id_issuer: String::new(),
            id_expires: None,
            id_number_last4: None,
            tin_last4: None,
            updated_by: None,
            updated_at: None,
        }
    }

    /// The fields a Currency Transaction Report needs that are not on file, by form field name. The SSN/TIN is
    /// not among them: a patron may have none (the report then says so).
    pub fn missing(&self) -> Vec<&'static str> {
        let text = [
            ("address_line", &self.address_line),
            ("city", &self.city),
            ("region", &self.region),
            ("postal_code", &self.postal_code),
            ("country", &self.country),
            ("occupation", &self.occupation),
            ("id_issuer", &self.id_issuer),
        ];
        let mut missing: Vec<&'static str> =
            text.into_iter().filter(|(_, value)| value.trim().is_empty()).map(|(field, _)| field).collect();
        if self.id_type.is_none() {
            missing.push("id_type");
        }
        if self.id_number_last4.is_none() {
            missing.push("id_number");
        }
        missing
    }
}

/// How a reader names a field [`Identification::missing`] lists.
pub fn field_label(field: &str) -> &'static str {
    match field {
        "address_line" => "street address",
        "city" => "city",
        "region" => "state or region",
        "postal_code" => "ZIP or postal code",
        "country" => "country",
        "occupation" => "occupation",
        "id_type" => "ID type",
        "id_issuer" => "ID issuer",
        "id_number" => "ID number",
        _ => "",
    }
}

/// What the identification form sends. A number left `None` keeps the one on file; an empty one removes it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct IdentificationInput {
    /// Street address, up to 200 characters.
    pub address_line: String,
    /// City, up to 100.
    pub city: String,
    /// State, province or region, up to 100.
    pub region: String,
    /// ZIP or postal code, up to 20.
    pub postal_code: String,
    /// Country, up to 60.
    pub country: String,
    /// Occupation, up to 100.
    pub occupation: String,
    /// The ID seen.
    pub id_type: Option<IdType>,
    /// Its issuing state or country, up to 100.
    pub id_issuer: String,
    /// Its expiry.
    pub id_expires: Option<NaiveDate>,
    /// A new ID number (4 to 40 letters, digits, spaces and dashes); `None` keeps the one on file.
    #[serde(default)]
    pub id_number: Option<String>,
    /// A new SSN or TIN (9 digits, dashes allowed); `None` keeps the one on file.
    #[serde(default)]
    pub tin: Option<String>,
}

/// The full numbers, for a compliance officer filing a report; every reveal is audited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevealedNumbers {
    /// The ID number, if one is on file.
    pub id_number: Option<String>,
    /// The SSN or TIN, if one is on file.
    pub tin: Option<String>,
}
