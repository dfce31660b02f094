namespace InboxApp.Core.Data;

/// <summary>An ASP.NET Core Data Protection key, kept in the database so every node and every restart shares the key ring.</summary>
public class DataProtectionKey
{
    public int Id { get; set; }
    public string? FriendlyName { get; set; }
    public required string Xml { get; set; }
}
