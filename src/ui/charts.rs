//! Charts over simulated time (SVG drawn by plotters in `viz::charts`): tasks by state
//! (stopped and failed to start included), reserved CPU and memory by AZ, free addresses of
//! the subnets in use as a percent of each one's usable addresses.

use yew::prelude::*;

use super::Handle;
use crate::viz::charts::{free_addresses, line_chart, reserved_by_az, tasks_by_state};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub handle: Handle,
}

#[function_component(Charts)]
pub fn charts(props: &Props) -> Html {
    // Drawn again only when a sample was added (not on every change of the world between).
    let (count, key) = {
        let samples = &props.handle.ws.borrow().samples;
        (
            samples.len(),
            (samples.len(), samples.last().map(|s| s.time_ms)),
        )
    };
    let charts = {
        let ws = props.handle.ws.clone();
        use_memo(key, move |_| {
            let samples = &ws.borrow().samples;
            let (w, h) = (460, 190);
            [
                line_chart("Tasks by state", "", &tasks_by_state(samples), w, h),
                line_chart(
                    "Reserved CPU by AZ (% of registered)",
                    "%",
                    &reserved_by_az(samples, true),
                    w,
                    h,
                ),
                line_chart(
                    "Reserved memory by AZ (% of registered)",
                    "%",
                    &reserved_by_az(samples, false),
                    w,
                    h,
                ),
                line_chart(
                    "Free addresses, % of each subnet's usable",
                    "%",
                    &free_addresses(samples),
                    w,
                    h,
                ),
            ]
            .map(AttrValue::from)
        })
    };
    if count < 2 {
        return html! { <p class="hint">{ "Let time run (Play or Step): the charts fill as the world changes." }</p> };
    }
    html! {
        <div class="charts">
            <h2>{ "Over time" }</h2>
            // The one place the page inserts markup rather than text. Safe because every text
            // in a chart is escaped when it is drawn (plotters escapes its texts and
            // attributes, `viz::charts::line_chart` its own); `viz::charts` tests it with
            // hostile names.
            { for charts.iter().map(|c| Html::from_html_unchecked(c.clone())) }
        </div>
    }
}
