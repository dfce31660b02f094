using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace InboxApp.Core.Data;

/// <summary>Stores the Data Protection key ring in our database, so sign-ins and tokens survive restarts and work across nodes.</summary>
public sealed class DbXmlRepository(InboxDb inboxDb) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var db = inboxDb.System();
        return db.DataProtectionKeys.AsEnumerable().Select(k => XElement.Parse(k.Xml)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var db = inboxDb.System();
        db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }
}
