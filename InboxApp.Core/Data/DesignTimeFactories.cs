using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace InboxApp.Core.Data;

// Used only by `dotnet ef migrations add` (see docs/operations.md); connection strings here never open.
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteInboxDbContext>
{
    public SqliteInboxDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteInboxDbContext>().UseSqlite("Data Source=design.db").Options);
}

public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresInboxDbContext>
{
    public PostgresInboxDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresInboxDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}

public sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerInboxDbContext>
{
    public SqlServerInboxDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerInboxDbContext>().UseSqlServer("Server=localhost;Database=design;TrustServerCertificate=true").Options);
}
