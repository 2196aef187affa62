//! Charts over simulated time (SVG drawn by plotters in `viz::charts`): tasks by state, reserved CPU and
//! memory by AZ, free addresses of the subnets in use.

use yew::prelude::*;

use super::Handle;
use crate::viz::charts::{free_addresses, line_chart, reserved_by_az, tasks_by_state};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub handle: Handle,
}

#[function_component(Charts)]
pub fn charts(props: &Props) -> Html {
    let ws = props.handle.ws.borrow();
    let samples = &ws.samples;
    if samples.len() < 2 {
        return html! { <p class="hint">{ "Let time run (Play or Step): the charts fill as the world changes." }</p> };
    }
    let svg = |s: String| Html::from_html_unchecked(AttrValue::from(s));
    let (w, h) = (460, 190);
    html! {
        <div class="charts">
            <h2>{ "Over time" }</h2>
            { svg(line_chart("Tasks by state", "", &tasks_by_state(samples), w, h)) }
            { svg(line_chart("Reserved CPU by AZ (% of registered)", "%", &reserved_by_az(samples, true), w, h)) }
            { svg(line_chart("Reserved memory by AZ (% of registered)", "%", &reserved_by_az(samples, false), w, h)) }
            { svg(line_chart("Free addresses, subnets in use", "", &free_addresses(samples), w, h)) }
        </div>
    }
}
