//! `pitboss staff add`: a staff member, with a login for everyone but dealers; `deactivate`,
//! `reset-password` and `reset-second-factor` for break-glass use when no admin can sign in.

use std::io::BufRead;

use anyhow::{Context, bail};
use clap::{Subcommand, ValueEnum};
use pitboss::casino::{self, CasinoId, NewLogin, NewStaff, StaffId, StaffMember, StaffRole};
use pitboss::db;
use sqlx::PgConnection;

use super::{casino_named, field_problems};
use database::Database;

#[derive(Debug, Subcommand)]
pub enum StaffCommand {
    /// Add a staff member to a casino
    ///
    /// Everyone but dealers gets a login: pass --email, and the password on standard input with
    /// --password-stdin, e.g. printf '%s' "$PW" | pitboss staff add --casino "Demo Casino" --first-name Ann
    /// --last-name Lee --role cashier --email ann@demo.casino --password-stdin
    Add {
        /// The casino's exact name, e.g. "Demo Casino".
        #[arg(long)]
        casino: String,
        /// First name.
        #[arg(long)]
        first_name: String,
        /// Last name.
        #[arg(long)]
        last_name: String,
        /// Role: what they may do in pitboss.
        #[arg(long, value_enum)]
        role: RoleArg,
        /// Sign-in email (not for dealers).
        #[arg(long, requires = "password_stdin")]
        email: Option<String>,
        /// Read the password from the first line of standard input.
        #[arg(long, requires = "email")]
        password_stdin: bool,
    },
    /// Stop a staff member signing in and end their sessions at once (break-glass: a dismissed employee when
    /// no admin can sign in). The casino's last active admin cannot be deactivated.
    Deactivate {
        /// The casino's exact name.
        #[arg(long)]
        casino: String,
        /// Their sign-in email.
        #[arg(long)]
        email: String,
    },
    /// Give a staff member a temporary password, read from standard input, that they must replace at their
    /// next sign-in; their sessions end (break-glass: an admin locked out of their own account).
    ResetPassword {
        /// The casino's exact name.
        #[arg(long)]
        casino: String,
        /// Their sign-in email.
        #[arg(long)]
        email: String,
        /// Read the temporary password from the first line of standard input.
        #[arg(long, required = true)]
        password_stdin: bool,
    },
    /// Remove a staff member's second factor, so they sign in with their password alone until they set up a
    /// new one; their sessions end (break-glass: the last admin lost their phone and their recovery codes).
    ResetSecondFactor {
        /// The casino's exact name.
        #[arg(long)]
        casino: String,
        /// Their sign-in email.
        #[arg(long)]
        email: String,
    },
}

/// What a staff command does, prepared (passwords read and hashed) before the database opens.
pub enum Prepared {
    Add(String, NewStaff),
    Deactivate { casino: String, email: String },
    ResetPassword { casino: String, login: NewLogin },
    ResetSecondFactor { casino: String, email: String },
}

/// Reads and hashes whatever the command needs before the database is opened, so a bad password never
/// starts the embedded cluster.
pub async fn prepare(command: StaffCommand) -> anyhow::Result<Prepared> {
    match command {
        StaffCommand::Add { casino, first_name, last_name, role, email, password_stdin } => {
            let role = StaffRole::from(role);
            let login = match email {
                Some(email) if password_stdin => Some(login(&email, false).await?),
                _ if role.can_log_in() => bail!("--email and --password-stdin are required for a {}", role.label()),
                _ => None,
            };
            Ok(Prepared::Add(casino, NewStaff { first_name, last_name, role, login }))
        }
        StaffCommand::Deactivate { casino, email } => Ok(Prepared::Deactivate { casino, email }),
        StaffCommand::ResetPassword { casino, email, .. } => {
            Ok(Prepared::ResetPassword { casino, login: login(&email, true).await? })
        }
        StaffCommand::ResetSecondFactor { casino, email } => Ok(Prepared::ResetSecondFactor { casino, email }),
    }
}

/// Runs the prepared command.
pub async fn run(db: &Database, prepared: &Prepared) -> anyhow::Result<()> {
    match prepared {
        Prepared::Add(casino, new) => add(db, casino, new).await,
        Prepared::Deactivate { casino, email } => {
            let member = on_staff(db, casino, email, async |conn, casino_id, id| {
                casino::break_glass_deactivate(conn, casino_id, id).await
            })
            .await?;
            println!("Deactivated {} ({}); their sessions have ended.", member.full_name(), member.role.label());
            Ok(())
        }
        Prepared::ResetPassword { casino, login } => {
            let member = on_staff(db, casino, &login.email, async |conn, casino_id, id| {
                casino::break_glass_reset_password(conn, casino_id, id, login).await
            })
            .await?;
            println!(
                "{} signs in with the temporary password once, then chooses their own; their sessions have ended.",
                member.full_name()
            );
            Ok(())
        }
        Prepared::ResetSecondFactor { casino, email } => {
            let member = on_staff(db, casino, email, async |conn, casino_id, id| {
                casino::break_glass_reset_second_factor(conn, casino_id, id).await
            })
            .await?;
            println!(
                "{} signs in with their password alone until they set up a new authenticator; their sessions have ended.",
                member.full_name()
            );
            Ok(())
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RoleArg {
    Dealer,
    PitBoss,
    Cashier,
    Compliance,
    Admin,
}

impl From<RoleArg> for StaffRole {
    fn from(role: RoleArg) -> Self {
        match role {
            RoleArg::Dealer => Self::Dealer,
            RoleArg::PitBoss => Self::PitBoss,
            RoleArg::Cashier => Self::Cashier,
            RoleArg::Compliance => Self::Compliance,
            RoleArg::Admin => Self::Admin,
        }
    }
}

/// A login for `email` with the password read from standard input, checked and hashed.
async fn login(email: &str, temporary: bool) -> anyhow::Result<NewLogin> {
    let password = read_password()?;
    casino::checked_login(email, &password, "password", temporary).await.map_err(|error| field_problems(&error))
}

/// Runs `work`, as the platform, on the staff member of the casino named `casino_name` who signs in with
/// `email`: the break-glass commands.
async fn on_staff(
    db: &Database,
    casino_name: &str,
    email: &str,
    work: impl AsyncFnOnce(&mut PgConnection, CasinoId, StaffId) -> Result<StaffMember, casino::Error>,
) -> anyhow::Result<StaffMember> {
    let casino = casino_named(db, casino_name).await?;
    db::as_casino_admin(&db.owner, casino.id, async |conn| {
        let member = casino::staff_by_email(conn, casino.id, email).await?;
        work(conn, casino.id, member.id).await
    })
    .await
    .map_err(|error| field_problems(&error))
}

/// Adds the prepared staff member to the casino named `casino_name`.
async fn add(db: &Database, casino_name: &str, new: &NewStaff) -> anyhow::Result<()> {
    let casino = casino_named(db, casino_name).await?;
    let member = db::as_casino_admin(&db.owner, casino.id, async |conn| casino::add_staff(conn, casino.id, new).await)
        .await
        .map_err(|error| field_problems(&error))?;
    let login = member.email.as_deref().map(|email| format!(", signs in as {email}")).unwrap_or_default();
    println!("Added {} ({}) to {}{login}.", member.full_name(), member.role.label(), casino.name);
    Ok(())
}

fn read_password() -> anyhow::Result<String> {
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).context("--password-stdin: cannot read standard input")?;
    Ok(line.trim_end_matches(['\n', '\r']).to_owned())
}
