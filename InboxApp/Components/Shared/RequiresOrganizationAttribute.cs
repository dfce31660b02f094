namespace InboxApp.Components.Shared;

/// <summary>
/// Marks a page that works on an organization's data: the one way to say so. A signed-in user without an organization
/// (the platform's super admin) gets <see cref="OrganizationRequired"/> in its place, from the layout (the page itself is
/// not rendered, so it never loads data it cannot have); <paramref name="what"/> names the page in that explanation
/// ("Teams belongs to an organization").
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class RequiresOrganizationAttribute(string what = "This page") : Attribute
{
    /// <summary>What the page is, as the start of a sentence: "The sandbox", "Teams".</summary>
    public string What { get; } = what;

    /// <summary>The attribute of a routed page, or null when the page works without an organization.</summary>
    public static RequiresOrganizationAttribute? For(Type? pageType) =>
        pageType is null ? null : (RequiresOrganizationAttribute?)Attribute.GetCustomAttribute(pageType, typeof(RequiresOrganizationAttribute), inherit: true);
}
