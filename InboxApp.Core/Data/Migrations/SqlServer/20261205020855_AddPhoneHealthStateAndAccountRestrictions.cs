using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InboxApp.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AddPhoneHealthStateAndAccountRestrictions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "BanState",
                table: "WhatsAppAccounts",
                type: "nvarchar(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Restrictions",
                table: "WhatsAppAccounts",
                type: "nvarchar(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "HealthCheckedAt",
                table: "PhoneNumbers",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HealthReasonsJson",
                table: "PhoneNumbers",
                type: "nvarchar(max)",
                maxLength: 8000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "HealthResyncQueuedAt",
                table: "PhoneNumbers",
                type: "datetimeoffset",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "BanState",
                table: "WhatsAppAccounts");

            migrationBuilder.DropColumn(
                name: "Restrictions",
                table: "WhatsAppAccounts");

            migrationBuilder.DropColumn(
                name: "HealthCheckedAt",
                table: "PhoneNumbers");

            migrationBuilder.DropColumn(
                name: "HealthReasonsJson",
                table: "PhoneNumbers");

            migrationBuilder.DropColumn(
                name: "HealthResyncQueuedAt",
                table: "PhoneNumbers");
        }
    }
}
