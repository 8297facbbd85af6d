namespace Federation.Members.Simulation;

/// <summary>The AGE column as kubectl prints it (Kubernetes' <c>duration.HumanDuration</c>).</summary>
internal static class HumanDuration
{
    public static string Since(DateTimeOffset then, DateTimeOffset now) => Format(now - then);

    public static string Format(TimeSpan d)
    {
        var seconds = (long)Math.Max(0, d.TotalSeconds);
        if (seconds < 120)
        {
            return $"{seconds}s";
        }

        var minutes = seconds / 60;
        if (minutes < 10)
        {
            var s = seconds % 60;
            return s == 0 ? $"{minutes}m" : $"{minutes}m{s}s";
        }

        if (minutes < 180)
        {
            return $"{minutes}m";
        }

        var hours = minutes / 60;
        if (hours < 8)
        {
            var m = minutes % 60;
            return m == 0 ? $"{hours}h" : $"{hours}h{m}m";
        }

        if (hours < 48)
        {
            return $"{hours}h";
        }

        var days = hours / 24;
        if (hours < 192)
        {
            var h = hours % 24;
            return h == 0 ? $"{days}d" : $"{days}d{h}h";
        }

        return days < 730 ? $"{days}d" : $"{days / 365}y";
    }
}
