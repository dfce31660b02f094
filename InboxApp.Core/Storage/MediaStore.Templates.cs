using System.Text.RegularExpressions;
using InboxApp.Core.Common;

namespace InboxApp.Core.Storage;

/// <summary>Template header examples: <c>templates/{organizationId:N}/{templateId:N}-{random}.{ext}</c> under the media folder.</summary>
public sealed partial class MediaStore
{
    public const string TemplateFolder = "templates";

    public async Task<string> SaveTemplateMediaAsync(Guid organizationId, Guid templateId, string extension, byte[] content, CancellationToken ct)
    {
        if (!ExtensionShape().IsMatch(extension)) extension = "bin";
        var relative = $"{TemplateFolder}/{organizationId:N}/{templateId:N}-{Secrets.NewToken(12)}.{extension}";
        var full = FullPath(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        try
        {
            await File.WriteAllBytesAsync(full, content, ct);
        }
        catch
        {
            TryDelete(full);
            throw;
        }
        return relative;
    }

    /// <summary>The stored bytes of a template's header example; null for a path of another shape or organization, or a file that is gone.</summary>
    public async Task<byte[]?> ReadTemplateMediaAsync(Guid organizationId, string? storedPath, CancellationToken ct)
    {
        if (!IsTemplatePath(organizationId, storedPath)) return null;
        try
        {
            return await File.ReadAllBytesAsync(FullPath(storedPath!), ct);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public MediaFile? OpenTemplateMedia(Guid organizationId, string? storedPath, string contentType)
    {
        if (!IsTemplatePath(organizationId, storedPath)) return null;
        try
        {
            var stream = new FileStream(FullPath(storedPath!), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 81920, useAsync: true);
            return new MediaFile(stream, contentType);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public void DeleteTemplateMedia(Guid organizationId, string? storedPath)
    {
        if (IsTemplatePath(organizationId, storedPath)) TryDelete(FullPath(storedPath!));
    }

    private static bool IsTemplatePath(Guid organizationId, string? storedPath) =>
        storedPath is not null && TemplatePath().Match(storedPath) is { Success: true } m && m.Groups["org"].Value == organizationId.ToString("N");

    [GeneratedRegex(@"^templates/(?<org>[0-9a-f]{32})/[0-9a-f]{32}-[A-Za-z0-9_-]{16}\.[a-z0-9]{1,5}$", RegexOptions.CultureInvariant)]
    private static partial Regex TemplatePath();
}
