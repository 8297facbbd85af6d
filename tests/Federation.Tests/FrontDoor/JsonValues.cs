using System.Text.Json.Nodes;
using CsCheck;

namespace Federation.Tests.FrontDoor;

/// <summary>Any JSON value, with the strings and numbers that have broken the API before among them.</summary>
public static class JsonValues
{
    private static readonly string[] Interesting =
    [
        "", " ", "0", "-1", "42", "1e18", "1e400", "NaN", "99999999999h", "3650000d", "87600000h", "1h", "0s", "-5m",
        "Weighted", "Weighted,Duplicated", "Duplicated", "east", "west", "Bad_Name", "a/b", "..", "default/web",
        "http://[::1", "ftp://x", "9999-12-31T23:59:59+00:00", "2020-01-01T00:00:00Z",
        "0 0 2 ? * SUN", "UTC", "Mars/Olympus", "drain", "retire", "maintain", "{", "null", "\u0000", "é€𝄞",
        new string('x', 300),
    ];

    private static readonly Gen<JsonNode?> Scalar = Gen.OneOf(
        Gen.Int[0, 0].Select(_ => (JsonNode?)null),
        Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
        Gen.Int.Select(i => (JsonNode?)JsonValue.Create(i)),
        Gen.Long.Select(l => (JsonNode?)JsonValue.Create(l)),
        Gen.Double.Where(double.IsFinite).Select(d => (JsonNode?)JsonValue.Create(d)),
        Gen.OneOf(Interesting).Select(s => (JsonNode?)JsonValue.Create(s)),
        Gen.String.Select(s => (JsonNode?)JsonValue.Create(s)));

    public static Gen<JsonNode?> Any { get; } = Gen.OneOf(
        Scalar,
        Scalar,
        Scalar.Array[0, 3].Select(items => (JsonNode?)new JsonArray(items)),
        Gen.Select(Gen.OneOf("east", "min", "app", "x"), Scalar, (key, value) => (JsonNode?)new JsonObject { [key] = value }));
}
