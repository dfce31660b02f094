using System.Text.RegularExpressions;
using InboxApp.Core.Common;

namespace InboxApp.Core.Storage;

/// <summary>
/// Quick reply attachments: <c>quick-replies/{organizationId:N}/{quickReplyId:N}-{random}.{ext}</c> under the media
/// folder. As for the other files, names are made here and only paths of exactly that shape are ever opened.
/// </summary>
public sealed partial class MediaStore
{
    public const string QuickReplyFolder = "quick-replies";

    /// <summary>
    /// Writes <paramref name="head"/> then the rest of <paramref name="rest"/> and returns the stored path and size. More than
    /// <paramref name="maxBytes"/> in all: nothing is kept and <paramref name="tooLarge"/> is thrown.
    /// </summary>
    public async Task<(string Path, long Size)> SaveQuickReplyMediaAsync(Guid organizationId, Guid quickReplyId, string extension, ReadOnlyMemory<byte> head, Stream rest,
        long maxBytes, Func<Exception> tooLarge, CancellationToken ct)
    {
        if (!ExtensionShape().IsMatch(extension)) extension = "bin";
        var relative = $"{QuickReplyFolder}/{organizationId:N}/{quickReplyId:N}-{Secrets.NewToken(12)}.{extension}";
        var full = FullPath(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        try
        {
            await using var output = new FileStream(full, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            long written = head.Length;
            if (written > maxBytes) throw tooLarge();
            await output.WriteAsync(head, ct);
            var buffer = new byte[81920];
            int read;
            while ((read = await rest.ReadAsync(buffer, ct)) > 0)
            {
                written += read;
                if (written > maxBytes) throw tooLarge();
                await output.WriteAsync(buffer.AsMemory(0, read), ct);
            }
            await output.FlushAsync(ct);
            return (relative, written);
        }
        catch
        {
            TryDelete(full);
            throw;
        }
    }

    /// <summary>Opens a quick reply attachment of the organization; null for a path of another shape or organization, or a file that is gone.</summary>
    public MediaFile? OpenQuickReplyMedia(Guid organizationId, string? storedPath, string contentType)
    {
        if (!IsQuickReplyPath(organizationId, storedPath)) return null;
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

    public void DeleteQuickReplyMedia(Guid organizationId, string? storedPath)
    {
        if (IsQuickReplyPath(organizationId, storedPath)) TryDelete(FullPath(storedPath!));
    }

    private static bool IsQuickReplyPath(Guid organizationId, string? storedPath) =>
        storedPath is not null && QuickReplyPath().Match(storedPath) is { Success: true } m && m.Groups["org"].Value == organizationId.ToString("N");

    [GeneratedRegex(@"^quick-replies/(?<org>[0-9a-f]{32})/[0-9a-f]{32}-[A-Za-z0-9_-]{16}\.[a-z0-9]{1,5}$", RegexOptions.CultureInvariant)]
    private static partial Regex QuickReplyPath();
}
