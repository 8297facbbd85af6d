using Federation.Hooks;

namespace Federation.Grains;

/// <summary>The hooks in force for an application: its own of a kind, else the fleet's default of that kind.</summary>
public static class HookSelection
{
    public static IReadOnlyDictionary<HookKind, HookSpec> For(IReadOnlyList<HookSpec>? own, IReadOnlyList<HookSpec> fleet)
    {
        var hooks = new Dictionary<HookKind, HookSpec>();
        foreach (var hook in (own ?? []).Concat(fleet.Where(f => f.On is HookKind.BeforeScaleDown or HookKind.AfterReady)))
        {
            hooks.TryAdd(hook.On, hook);
        }

        return hooks;
    }
}
