using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InboxApp.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AccountUpdateOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "BanStateAt",
                table: "WhatsAppAccounts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "BanStateProcessedAt",
                table: "WhatsAppAccounts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RestrictionsAt",
                table: "WhatsAppAccounts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RestrictionsProcessedAt",
                table: "WhatsAppAccounts",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "BanStateAt",
                table: "WhatsAppAccounts");

            migrationBuilder.DropColumn(
                name: "BanStateProcessedAt",
                table: "WhatsAppAccounts");

            migrationBuilder.DropColumn(
                name: "RestrictionsAt",
                table: "WhatsAppAccounts");

            migrationBuilder.DropColumn(
                name: "RestrictionsProcessedAt",
                table: "WhatsAppAccounts");
        }
    }
}
