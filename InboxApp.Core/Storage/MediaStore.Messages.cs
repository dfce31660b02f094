using System.Text.RegularExpressions;
using InboxApp.Core.Common;

namespace InboxApp.Core.Storage;

/// <summary>
/// Message attachments: <c>messages/{organizationId:N}/{messageId:N}-{random}.{ext}</c> under the media folder. As with
/// avatars, names are made here and only paths of exactly that shape are ever opened.
/// </summary>
public sealed partial class MediaStore
{
    public const string MessageFolder = "messages";

    /// <summary>Writes a downloaded attachment and returns its stored path.</summary>
    public async Task<string> SaveMessageMediaAsync(Guid organizationId, Guid messageId, ReadOnlyMemory<byte> content, string extension, CancellationToken ct)
    {
        if (!ExtensionShape().IsMatch(extension)) extension = "bin";
        var relative = $"{MessageFolder}/{organizationId:N}/{messageId:N}-{Secrets.NewToken(12)}.{extension}";
        var full = FullPath(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        try
        {
            await using var output = new FileStream(full, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            await output.WriteAsync(content, ct);
            await output.FlushAsync(ct);
            return relative;
        }
        catch
        {
            TryDelete(full);
            throw;
        }
    }

    /// <summary>Opens a stored attachment of the organization; null for a path of another shape or organization, or a file that is gone.</summary>
    public MediaFile? OpenMessageMedia(Guid organizationId, string? storedPath, string contentType)
    {
        if (!IsMessagePath(organizationId, storedPath)) return null;
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

    public void DeleteMessageMedia(Guid organizationId, string? storedPath)
    {
        if (IsMessagePath(organizationId, storedPath)) TryDelete(FullPath(storedPath!));
    }

    private string FullPath(string relative) => Path.Combine(paths.MediaDirectory, relative.Replace('/', Path.DirectorySeparatorChar));

    private static bool IsMessagePath(Guid organizationId, string? storedPath) =>
        storedPath is not null && MessagePath().Match(storedPath) is { Success: true } m && m.Groups["org"].Value == organizationId.ToString("N");

    [GeneratedRegex(@"^messages/(?<org>[0-9a-f]{32})/[0-9a-f]{32}-[A-Za-z0-9_-]{16}\.[a-z0-9]{1,5}$", RegexOptions.CultureInvariant)]
    private static partial Regex MessagePath();

    [GeneratedRegex(@"^[a-z0-9]{1,5}$", RegexOptions.CultureInvariant)]
    private static partial Regex ExtensionShape();
}
