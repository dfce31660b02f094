using System.ComponentModel.DataAnnotations;

namespace InboxApp.Core.Common;

/// <summary>Where the app keeps its files. Relative paths resolve under <see cref="DataDirectory"/>, which resolves under the content root.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>The app's data folder (SQLite databases, job store, media, mail). Default <c>data</c>.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>Uploaded and downloaded media (avatars, attachments). Default <c>media</c> under the data folder.</summary>
    [Required]
    public string MediaDirectory { get; set; } = "media";
}

public sealed class AppPaths(string dataDirectory, string mediaDirectory, string mailDirectory)
{
    public string DataDirectory { get; } = dataDirectory;
    public string MediaDirectory { get; } = mediaDirectory;
    public string MailDirectory { get; } = mailDirectory;

    public static AppPaths Resolve(string contentRoot, StorageOptions storage, string mailPickupDirectory)
    {
        var data = Path.GetFullPath(Path.Combine(contentRoot, storage.DataDirectory));
        return new AppPaths(
            data,
            Path.GetFullPath(Path.Combine(data, storage.MediaDirectory)),
            Path.GetFullPath(Path.Combine(data, mailPickupDirectory)));
    }
}
