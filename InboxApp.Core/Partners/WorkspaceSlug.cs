using System.Text;

namespace InboxApp.Core.Partners;

/// <summary>
/// The workspace slug of the partner paths (<c>/api/v1/workspace/{slug}/…</c>): the organization's slug, UTF-8, hex-encoded
/// in lower case (<c>acme</c> → <c>61636d65</c>).
/// </summary>
public static class WorkspaceSlug
{
    public static string Encode(string organizationSlug) => Convert.ToHexStringLower(Encoding.UTF8.GetBytes(organizationSlug));

    /// <summary>The organization slug, or null when <paramref name="workspaceSlug"/> is not hex.</summary>
    public static string? Decode(string? workspaceSlug)
    {
        if (string.IsNullOrEmpty(workspaceSlug) || workspaceSlug.Length % 2 != 0 || workspaceSlug.Length > 400 || !workspaceSlug.All(char.IsAsciiHexDigit)) return null;
        try
        {
            return new UTF8Encoding(false, true).GetString(Convert.FromHexString(workspaceSlug));
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
