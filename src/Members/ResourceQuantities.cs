using Federation.Members.Client;

namespace Federation.Members;

/// <summary>Kubernetes resource quantities ("500m", "2", "32Gi") for callers outside this project.</summary>
public static class ResourceQuantities
{
    /// <summary>CPU in millicores; false when the text is not a quantity.</summary>
    public static bool TryParseMilliCpu(string? text, out long milliCpu)
    {
        var ok = Quantities.TryParse(text, out var value) && value >= 0;
        milliCpu = ok ? Quantities.ToMilli(value) : 0;
        return ok;
    }

    /// <summary>Memory in bytes; false when the text is not a quantity.</summary>
    public static bool TryParseBytes(string? text, out long bytes)
    {
        var ok = Quantities.TryParse(text, out var value) && value >= 0;
        bytes = ok ? Quantities.ToWhole(value) : 0;
        return ok;
    }
}
