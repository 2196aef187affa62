//! index.html holds the static first frame that `viz::first_frame::page` writes (the demo's
//! cluster, replayed and laid out by the live view's code), so it cannot go stale: a change to
//! the demo, the layout or the drawing that is not written into index.html fails here.
//! `UPDATE_FIRST_FRAME=1 cargo test --test first_frame` writes it.

use ecs_sandbox::viz::first_frame::{page, with_frame, BEGIN, END};

#[test]
fn index_html_holds_the_current_first_frame() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/index.html");
    let html = std::fs::read_to_string(path).expect("index.html");
    let frame = page();
    assert!(
        frame.contains("az-col"),
        "the first frame draws no cluster: {frame}"
    );
    let want = with_frame(&html, &frame)
        .unwrap_or_else(|| panic!("index.html has no {BEGIN} ... {END} markers"));
    if std::env::var_os("UPDATE_FIRST_FRAME").is_some() {
        std::fs::write(path, &want).expect("write index.html");
        return;
    }
    assert!(
        html == want,
        "index.html's first frame is not what viz::first_frame::page writes today: \
         run `UPDATE_FIRST_FRAME=1 cargo test --test first_frame` and commit index.html"
    );
}
