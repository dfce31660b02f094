using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InboxApp.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InboundMessageDetailsEditsRevokes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Details",
                table: "Messages",
                type: "TEXT",
                maxLength: 65536,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "EditedAt",
                table: "Messages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RevokedAt",
                table: "Messages",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Details",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "EditedAt",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "RevokedAt",
                table: "Messages");
        }
    }
}
