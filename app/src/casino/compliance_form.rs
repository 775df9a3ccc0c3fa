//! The admin's form for the casino's compliance settings: the filer a CTR names, and the structuring watch's
//! parameters.

use leptos::prelude::*;
use pitboss::casino::ComplianceSettings;
use pitboss::{ErrorCode, FieldError};

use super::{UpdateComplianceSettings, compliance_settings};
use crate::error::AppError;
use crate::ui::{FormOutcome, SaveForm, TextField, loaded, use_hydrated};

/// The settings' read, created by the page before any boundary.
pub fn compliance_resource() -> Resource<Result<ComplianceSettings, AppError>> {
    Resource::new(|| (), |_| compliance_settings())
}

/// The section, once the settings are read.
#[component]
pub fn ComplianceSection(current: Resource<Result<ComplianceSettings, AppError>>) -> impl IntoView {
    loaded(current, |current| view! { <ComplianceForm current/> })
}

#[component]
fn ComplianceForm(current: ComplianceSettings) -> impl IntoView {
    let form = SaveForm::<UpdateComplianceSettings>::new();
    let hydrated = use_hydrated();
    let field = |value: &str| RwSignal::new(value.to_owned());
    let legal_name = field(&current.legal_name);
    let ein = field(&current.ein);
    let address_line = field(&current.address_line);
    let city = field(&current.city);
    let region = field(&current.region);
    let postal_code = field(&current.postal_code);
    let margin = field(&current.structuring_margin_percent.to_string());
    let window = field(&current.structuring_window_days.to_string());
    let (error, saved, save) = (form.error(), form.saved(), form.action);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut problems = Vec::new();
        let mut number = |name: &'static str, text: RwSignal<String>| {
            text.get_untracked().trim().parse::<i32>().unwrap_or_else(|_| {
                problems.push(FieldError::new(name, ErrorCode::CasinoInvalidStructuring));
                0
            })
        };
        let input = ComplianceSettings {
            structuring_margin_percent: number("structuring_margin_percent", margin),
            structuring_window_days: number("structuring_window_days", window),
            legal_name: legal_name.get_untracked(),
            ein: ein.get_untracked(),
            address_line: address_line.get_untracked(),
            city: city.get_untracked(),
            region: region.get_untracked(),
            postal_code: postal_code.get_untracked(),
        };
        if problems.is_empty() {
            form.send(input, |request_id, input| UpdateComplianceSettings { request_id, input });
        } else {
            form.refuse(problems);
        }
    };

    view! {
        <form on:submit=submit class="bg-white rounded-xl shadow-sm p-5 space-y-4" aria-label="Compliance settings">
            <h2 class="text-lg font-semibold">"CTR filer and structuring watch"</h2>
            <FormOutcome error saved saved_text="Compliance settings saved."/>
            <TextField label="Legal name" name="legal_name" value=legal_name error/>
            <TextField label="EIN (12-3456789)" name="ein" value=ein error/>
            <TextField label="Street address" name="address_line" value=address_line error/>
            <TextField label="City" name="city" value=city error/>
            <TextField label="State" name="region" value=region error/>
            <TextField label="ZIP code" name="postal_code" value=postal_code error/>
            <TextField label="Just under a threshold: within (% of it)" name="structuring_margin_percent" value=margin error/>
            <TextField label="Days added up (consecutive gaming days)" name="structuring_window_days" value=window error/>
            <button type="submit" disabled=move || !hydrated.get() || save.pending().get()
                class="h-12 px-6 rounded-lg bg-emerald-700 text-white font-semibold disabled:opacity-50">
                {move || if save.pending().get() { "Saving…" } else { "Save compliance settings" }}
            </button>
        </form>
    }
}
