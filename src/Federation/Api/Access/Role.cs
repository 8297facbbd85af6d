namespace Federation.Api.Access;

/// <summary>
/// What a caller may do: viewer reads (and asks for what-if plans), operator runs applications,
/// drains, cordons and maintenance, admin joins, unjoins and retires members. Each role includes
/// the ones below it.
/// </summary>
public enum Role
{
    Viewer = 1,
    Operator = 2,
    Admin = 3,
}
