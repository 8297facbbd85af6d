using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Federation.Members.Client;

/// <summary>
/// The labels and annotations that mark a member's Deployment as the federation's.
/// </summary>
/// <remarks>
/// The application key (<c>namespace/name</c>) cannot be a label value: values are at most 63
/// characters of <c>[A-Za-z0-9._-]</c> and must start and end alphanumeric. The label therefore
/// carries <c>namespace.name</c> (a namespace never contains a dot, so the first dot splits it),
/// shortened with a hash suffix when it would not fit; the exact key lives in an annotation of
/// the same name, which is what <see cref="DeploymentStatus.Application"/> reports.
/// </remarks>
public static partial class FederationLabels
{
    public const string ManagedBy = "app.kubernetes.io/managed-by";

    public const string ManagedByValue = "federation";

    public const string Application = "federation.io/application";

    public const string FieldManager = "federation";

    /// <summary>The label selector that matches every Deployment the federation manages.</summary>
    public const string ManagedSelector = ManagedBy + "=" + ManagedByValue;

    private const int MaxLabelValueLength = 63;

    /// <summary>The label value naming <paramref name="application"/> (see the remarks on the class).</summary>
    public static string ApplicationLabelValue(string application)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(application);
        var value = application.Replace('/', '.');
        if (value.Length <= MaxLabelValueLength && LabelValue().IsMatch(value))
        {
            return value;
        }

        // Too long or not a valid value: keep a readable, sanitised prefix and make it unique with a hash.
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(application)))[..10];
        var prefix = InvalidCharacters().Replace(value, "-");
        prefix = prefix[..Math.Min(prefix.Length, MaxLabelValueLength - hash.Length - 1)].Trim('-', '.', '_');
        return prefix.Length == 0 ? hash : $"{prefix}-{hash}";
    }

    [GeneratedRegex("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$")]
    private static partial Regex LabelValue();

    [GeneratedRegex("[^-A-Za-z0-9_.]")]
    private static partial Regex InvalidCharacters();
}
