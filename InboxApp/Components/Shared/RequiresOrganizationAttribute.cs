namespace InboxApp.Components.Shared;

/// <summary>
/// Marks a page that works on an organization's data. A signed-in user without an organization (the platform's super
/// admin) gets <see cref="OrganizationRequired"/> in its place, from the layout, instead of a page that cannot load.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class RequiresOrganizationAttribute : Attribute
{
    public static bool IsOn(Type? pageType) =>
        pageType is not null && Attribute.IsDefined(pageType, typeof(RequiresOrganizationAttribute), inherit: true);
}
