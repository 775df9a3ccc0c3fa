//! Latencies per server function, merged across clients, and the tables the benchmark prints.

use std::collections::BTreeMap;
use std::time::Duration;

/// The operations that change a rating slip: the "slip operations".
pub const SLIP_OPERATIONS: [&str; 5] =
    ["floor/seat_and_start", "slip/pause", "slip/resume", "slip/update_average_bet", "slip/close"];

/// The pit dashboard's reads.
pub const DASHBOARD: [&str; 3] = ["floor/seats", super::workload::WHOLE_FLOOR, "table/list"];

/// Samples of one phase: per function, every latency (ms) and the errors.
#[derive(Debug, Default, Clone)]
pub struct Samples {
    latencies: BTreeMap<&'static str, Vec<f64>>,
    errors: BTreeMap<&'static str, usize>,
    /// Why calls failed, by function and answer: the first words of each kind.
    pub failures: BTreeMap<String, usize>,
}

impl Samples {
    /// Records one answered call.
    pub fn record(&mut self, function: &'static str, latency: Duration, ok: bool, failure: impl FnOnce() -> String) {
        self.latencies.entry(function).or_default().push(latency.as_secs_f64() * 1_000.0);
        if !ok {
            *self.errors.entry(function).or_default() += 1;
            *self.failures.entry(format!("{function}: {}", failure())).or_default() += 1;
        }
    }

    /// Adds another client's samples.
    pub fn merge(&mut self, other: Samples) {
        for (function, mut latencies) in other.latencies {
            self.latencies.entry(function).or_default().append(&mut latencies);
        }
        for (function, errors) in other.errors {
            *self.errors.entry(function).or_default() += errors;
        }
        for (failure, count) in other.failures {
            *self.failures.entry(failure).or_default() += count;
        }
    }

    /// Calls made, in total.
    pub fn calls(&self) -> usize {
        self.latencies.values().map(Vec::len).sum()
    }

    /// Calls that failed, in total.
    pub fn errors(&self) -> usize {
        self.errors.values().sum()
    }

    /// Calls of the given functions.
    pub fn calls_of(&self, functions: &[&str]) -> usize {
        functions.iter().filter_map(|f| self.latencies.get(f)).map(Vec::len).sum()
    }

    /// The summary of the given functions' latencies together.
    pub fn summary_of(&self, functions: &[&str]) -> Summary {
        let mut all: Vec<f64> =
            functions.iter().filter_map(|f| self.latencies.get(f)).flat_map(|v| v.iter().copied()).collect();
        let errors = functions.iter().filter_map(|f| self.errors.get(f)).sum();
        Summary::of(&mut all, errors)
    }

    /// Prints one line per function and one for the slip operations together.
    pub fn print_table(&self) {
        println!("  {:<30} {:>7} {:>8} {:>8} {:>8} {:>7}", "function", "calls", "p50 ms", "p95 ms", "p99 ms", "errors");
        for function in self.latencies.keys() {
            self.summary_of(&[function]).print(function);
        }
        self.summary_of(&SLIP_OPERATIONS).print("slip operations together");
    }
}

/// Percentiles of a set of latencies.
#[derive(Debug, Clone, Copy, Default)]
pub struct Summary {
    /// How many.
    pub count: usize,
    /// Median, ms.
    pub p50: f64,
    /// 95th percentile, ms.
    pub p95: f64,
    /// 99th percentile, ms.
    pub p99: f64,
    /// Failed calls among them.
    pub errors: usize,
}

impl Summary {
    /// Sorts `values` and reads the percentiles (nearest rank).
    pub fn of(values: &mut [f64], errors: usize) -> Self {
        values.sort_by(f64::total_cmp);
        let at = |q: f64| {
            if values.is_empty() {
                return 0.0;
            }
            let rank = ((q * values.len() as f64).ceil() as usize).clamp(1, values.len());
            values[rank - 1]
        };
        Self { count: values.len(), p50: at(0.50), p95: at(0.95), p99: at(0.99), errors }
    }

    fn print(&self, label: &str) {
        println!(
            "  {label:<30} {:>7} {:>8.2} {:>8.2} {:>8.2} {:>7}",
            self.count, self.p50, self.p95, self.p99, self.errors
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_are_nearest_rank() {
        let mut values: Vec<f64> = (1..=100).map(f64::from).collect();
        let summary = Summary::of(&mut values, 0);
        assert_eq!((summary.p50, summary.p95, summary.p99, summary.count), (50.0, 95.0, 99.0, 100));
        assert_eq!(Summary::of(&mut [], 0).p95, 0.0);
    }

    #[test]
    fn merged_samples_add_up() {
        let mut a = Samples::default();
        a.record("slip/pause", Duration::from_millis(2), true, String::new);
        let mut b = Samples::default();
        b.record("slip/pause", Duration::from_millis(4), false, || "409 RATING_SLIP_INVALID_STATE".into());
        a.merge(b);
        assert_eq!((a.calls(), a.errors(), a.calls_of(&SLIP_OPERATIONS)), (2, 1, 2));
        assert_eq!(a.failures.get("slip/pause: 409 RATING_SLIP_INVALID_STATE"), Some(&1));
    }
}
