using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Federation.Grains;

/// <summary>
/// Hook requests are signed like common webhook senders do: HMAC-SHA256 with the hook's secret over
/// "<c>timestamp.body</c>", the timestamp (Unix seconds) in <see cref="TimestampHeader"/> and
/// "<c>sha256=HEX</c>" in <see cref="SignatureHeader"/>. The receiver recomputes it and refuses old
/// timestamps, so a captured request cannot be replayed later.
/// </summary>
public static class HookSignature
{
    public const string TimestampHeader = "X-Federation-Timestamp";

    public const string SignatureHeader = "X-Federation-Signature";

    public static string Sign(string secret, long timestamp, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(secret),
            Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "." + body)));

    /// <summary>What a receiver does: compares in constant time.</summary>
    public static bool Verify(string secret, string timestamp, string body, string signature) =>
        long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var t)
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, t, body)), Encoding.ASCII.GetBytes(signature));
}
