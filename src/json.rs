//! Building JSON responses cheaply in code size.
//!
//! `serde_json::json!` expands every member to `Map::insert(key.into(), to_value(&v).unwrap())`:
//! a string allocation, a generic serialization with its error path, a move of the value and a
//! drop of the replaced one, inline at each of the hundreds of members the API builds. The
//! [`json!`] here takes the same syntax and gives the same values, but each member is one call
//! to the non-generic [`put`], and a value is converted by [`ToJson`] (a plain conversion, no
//! serializer and no error path).
//!
//! A hand-written stand-in for `serde_json::json!`, kept because it is measurably smaller:
//! `scripts/size` gave 546,871 bytes of gzipped wasm + JS with every `json!` expanding to
//! serde_json's macro and 535,137 with this one, **11.7 KB gzip saved** (8.5 KB brotli).
//! [`ToJson`] covers only the scalar and container types responses are built from; domain
//! types (the world for `sim state`, task definitions) go through their derived `Serialize`.

use serde_json::{Map, Number, Value};

/// Sets `object[key] = value` (replacing an earlier value of `key`, as `Map::insert` does).
#[inline(never)]
pub fn put(object: &mut Map<String, Value>, key: &str, value: Value) {
    object.insert(key.to_string(), value);
}

/// The JSON value of a Rust value, exactly as `serde_json::to_value` gives it for the types
/// the API puts in responses.
pub trait ToJson {
    fn to_json(&self) -> Value;
}

impl ToJson for Value {
    fn to_json(&self) -> Value {
        self.clone()
    }
}

impl ToJson for str {
    fn to_json(&self) -> Value {
        Value::String(self.to_string())
    }
}

impl ToJson for String {
    fn to_json(&self) -> Value {
        Value::String(self.clone())
    }
}

impl ToJson for bool {
    fn to_json(&self) -> Value {
        Value::Bool(*self)
    }
}

macro_rules! to_json_via_number {
    ($($t:ty)*) => {$(
        impl ToJson for $t {
            fn to_json(&self) -> Value {
                Value::Number(Number::from(*self))
            }
        }
    )*};
}
to_json_via_number!(u8 u16 u32 u64 usize i8 i16 i32 i64 isize);

impl ToJson for f64 {
    /// Non-finite numbers have no JSON form: `null`, as serde_json gives.
    fn to_json(&self) -> Value {
        Number::from_f64(*self).map_or(Value::Null, Value::Number)
    }
}

/// A string shared by its holders (a task's ARN, also held by the events about the task).
impl<T: ToJson + ?Sized> ToJson for std::sync::Arc<T> {
    fn to_json(&self) -> Value {
        (**self).to_json()
    }
}

impl<T: ToJson + ?Sized> ToJson for &T {
    fn to_json(&self) -> Value {
        (**self).to_json()
    }
}

impl<T: ToJson> ToJson for Option<T> {
    fn to_json(&self) -> Value {
        self.as_ref().map_or(Value::Null, ToJson::to_json)
    }
}

impl<T: ToJson> ToJson for [T] {
    fn to_json(&self) -> Value {
        Value::Array(self.iter().map(ToJson::to_json).collect())
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn to_json(&self) -> Value {
        self.as_slice().to_json()
    }
}

impl ToJson for Map<String, Value> {
    fn to_json(&self) -> Value {
        Value::Object(self.clone())
    }
}

/// `serde_json::json!`'s syntax and values (adapted from serde_json's `json_internal!`, MIT or
/// Apache-2.0), built through [`put`] and [`ToJson`].
macro_rules! json {
    // Arrays: munch elements, each converted by a recursive json!.
    (@array [$($elems:expr,)*]) => {
        vec![$($elems,)*]
    };
    (@array [$($elems:expr),*]) => {
        vec![$($elems),*]
    };
    (@array [$($elems:expr,)*] null $($rest:tt)*) => {
        $crate::json::json!(@array [$($elems,)* $crate::json::json!(null)] $($rest)*)
    };
    (@array [$($elems:expr,)*] true $($rest:tt)*) => {
        $crate::json::json!(@array [$($elems,)* $crate::json::json!(true)] $($rest)*)
    };
    (@array [$($elems:expr,)*] false $($rest:tt)*) => {
        $crate::json::json!(@array [$($elems,)* $crate::json::json!(false)] $($rest)*)
    };
    (@array [$($elems:expr,)*] [$($array:tt)*] $($rest:tt)*) => {
        $crate::json::json!(@array [$($elems,)* $crate::json::json!([$($array)*])] $($rest)*)
    };
    (@array [$($elems:expr,)*] {$($map:tt)*} $($rest:tt)*) => {
        $crate::json::json!(@array [$($elems,)* $crate::json::json!({$($map)*})] $($rest)*)
    };
    (@array [$($elems:expr,)*] $next:expr, $($rest:tt)*) => {
        $crate::json::json!(@array [$($elems,)* $crate::json::json!($next),] $($rest)*)
    };
    (@array [$($elems:expr,)*] $last:expr) => {
        $crate::json::json!(@array [$($elems,)* $crate::json::json!($last)])
    };
    (@array [$($elems:expr),*] , $($rest:tt)*) => {
        $crate::json::json!(@array [$($elems,)*] $($rest)*)
    };

    // Objects: munch `key: value` pairs; each becomes one `put`.
    (@object $object:ident () () ()) => {};
    (@object $object:ident [$($key:tt)+] ($value:expr) , $($rest:tt)*) => {
        $crate::json::put(&mut $object, &($($key)+), $value);
        $crate::json::json!(@object $object () ($($rest)*) ($($rest)*));
    };
    (@object $object:ident [$($key:tt)+] ($value:expr)) => {
        $crate::json::put(&mut $object, &($($key)+), $value);
    };
    (@object $object:ident ($($key:tt)+) (: null $($rest:tt)*) $copy:tt) => {
        $crate::json::json!(@object $object [$($key)+] ($crate::json::json!(null)) $($rest)*);
    };
    (@object $object:ident ($($key:tt)+) (: true $($rest:tt)*) $copy:tt) => {
        $crate::json::json!(@object $object [$($key)+] ($crate::json::json!(true)) $($rest)*);
    };
    (@object $object:ident ($($key:tt)+) (: false $($rest:tt)*) $copy:tt) => {
        $crate::json::json!(@object $object [$($key)+] ($crate::json::json!(false)) $($rest)*);
    };
    (@object $object:ident ($($key:tt)+) (: [$($array:tt)*] $($rest:tt)*) $copy:tt) => {
        $crate::json::json!(@object $object [$($key)+] ($crate::json::json!([$($array)*])) $($rest)*);
    };
    (@object $object:ident ($($key:tt)+) (: {$($map:tt)*} $($rest:tt)*) $copy:tt) => {
        $crate::json::json!(@object $object [$($key)+] ($crate::json::json!({$($map)*})) $($rest)*);
    };
    (@object $object:ident ($($key:tt)+) (: $value:expr , $($rest:tt)*) $copy:tt) => {
        $crate::json::json!(@object $object [$($key)+] ($crate::json::json!($value)) , $($rest)*);
    };
    (@object $object:ident ($($key:tt)+) (: $value:expr) $copy:tt) => {
        $crate::json::json!(@object $object [$($key)+] ($crate::json::json!($value)));
    };
    (@object $object:ident () (($key:expr) : $($rest:tt)*) $copy:tt) => {
        $crate::json::json!(@object $object ($key) (: $($rest)*) (: $($rest)*));
    };
    (@object $object:ident ($($key:tt)*) ($tt:tt $($rest:tt)*) $copy:tt) => {
        $crate::json::json!(@object $object ($($key)* $tt) ($($rest)*) ($($rest)*));
    };

    // Values.
    (null) => {
        serde_json::Value::Null
    };
    (true) => {
        serde_json::Value::Bool(true)
    };
    (false) => {
        serde_json::Value::Bool(false)
    };
    ([]) => {
        serde_json::Value::Array(vec![])
    };
    ([ $($tt:tt)+ ]) => {
        serde_json::Value::Array($crate::json::json!(@array [] $($tt)+))
    };
    ({}) => {
        serde_json::Value::Object(serde_json::Map::new())
    };
    ({ $($tt:tt)+ }) => {
        serde_json::Value::Object({
            let mut object = serde_json::Map::new();
            $crate::json::json!(@object object () ($($tt)+) ($($tt)+));
            object
        })
    };
    ($other:expr) => {
        $crate::json::ToJson::to_json(&$other)
    };
}
pub(crate) use json;

#[cfg(test)]
mod tests {
    use serde_json::Value;

    /// The same values as serde_json's macro, members in the same order.
    #[test]
    fn matches_serde_json() {
        let name = String::from("web");
        let count: u32 = 3;
        let missing: Option<&str> = None;
        let tags = vec!["a".to_string(), "b".to_string()];
        let nested = serde_json::json!({"x": [1, -2, 2.5]});
        let key = String::from("dynamic");
        let ours = json!({
            "name": name,
            "count": count,
            "negative": -7i64,
            "ratio": 0.25,
            "nan": f64::NAN,
            "missing": missing,
            "some": Some("x"),
            "tags": tags,
            "nested": nested,
            "list": [1, "two", null, true, false, {"k": []}, {}],
            key: "value",
            "name": "last wins",
        });
        let theirs = serde_json::json!({
            "name": name,
            "count": count,
            "negative": -7i64,
            "ratio": 0.25,
            "nan": f64::NAN,
            "missing": missing,
            "some": Some("x"),
            "tags": tags,
            "nested": nested,
            "list": [1, "two", null, true, false, {"k": []}, {}],
            key: "value",
            "name": "last wins",
        });
        assert_eq!(ours, theirs);
        assert_eq!(ours.to_string(), theirs.to_string());
        assert_eq!(json!(null), Value::Null);
    }
}
