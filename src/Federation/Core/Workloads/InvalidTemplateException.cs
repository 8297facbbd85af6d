namespace Federation.Workloads;

/// <summary>A workload template that is not usable: <see cref="Field"/> (its path in the template) and what is wrong with it.</summary>
public sealed class InvalidTemplateException(string field, string problem, string parameter = "template") : ArgumentException($"{field} {problem}", parameter)
{
    public string Field { get; } = field;

    public string Problem { get; } = problem;
}
