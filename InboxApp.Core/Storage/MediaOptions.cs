using System.ComponentModel.DataAnnotations;

namespace InboxApp.Core.Storage;

/// <summary>Limits of uploaded media. Bound from the same <c>Storage</c> section as <see cref="Common.StorageOptions"/>.</summary>
public sealed class MediaOptions
{
    public const string SectionName = "Storage";

    /// <summary>Largest avatar image accepted, in bytes (<c>Storage:MaxAvatarBytes</c>). Default 2 MiB.</summary>
    [Range(1024, 50L * 1024 * 1024)]
    public long MaxAvatarBytes { get; set; } = 2 * 1024 * 1024;
}
