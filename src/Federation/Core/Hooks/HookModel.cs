namespace Federation.Hooks;

/// <summary>When a hook is called.</summary>
public enum HookKind
{
    /// <summary>Replicas of an application are about to be removed from a member (take them out of the load balancer).</summary>
    BeforeScaleDown,

    /// <summary>A member runs new ready replicas of an application (add them).</summary>
    AfterReady,

    /// <summary>A member is about to be drained (runbook notification).</summary>
    BeforeDrain,

    /// <summary>A member's drain finished: it holds no replicas.</summary>
    AfterDrain,

    /// <summary>A member was retired.</summary>
    AfterRetire,
}

/// <summary>What a hook's failure does to its step: <c>Fail</c> holds the step until the hook answers 2xx; <c>Ignore</c> goes on.</summary>
public enum HookFailurePolicy
{
    Fail,
    Ignore,
}

/// <summary>How a call of a hook ended.</summary>
public enum HookOutcome
{
    Succeeded,

    /// <summary>Failed, and the policy holds the step.</summary>
    Failed,

    /// <summary>Failed, and the policy lets the step go on.</summary>
    Ignored,
}

/// <summary>
/// One step a hook is about: a member's replicas of the application going from <paramref name="Before"/>
/// to <paramref name="After"/>. The same step planned again (held, or after a restart) has the same key.
/// </summary>
public sealed record HookStep(HookKind Kind, string Member, int Before, int After)
{
    public string Key => $"{Kind}:{Member}:{Before}->{After}";
}

/// <summary>One call of a hook for a step: its attempt number (1, 2, ... for the same step), how it ended and the hook's answer.</summary>
public sealed record HookCall(HookStep Step, int Attempt, HookOutcome Outcome, int? Status, string Answer, DateTimeOffset At);

/// <summary>A raise of a member during a migration, from the replicas it had to the replicas it was set to: an AfterReady is due once they are ready.</summary>
public sealed record HookRaise(string Member, int Before, int After);
