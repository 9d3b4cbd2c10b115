using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Migrations.PostgreSql.Migrations
{
    /// <summary>
    /// Purges before this release deleted a user but left their readings and notes behind (readings and notes have no
    /// foreign key; since this release the purge deletes them in the same transaction). This removes what was left.
    /// </summary>
    public partial class Store_OrphanedReadingsRemoved : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DELETE FROM "Readings" WHERE "UserId" NOT IN (SELECT "Id" FROM "Users");""");
            migrationBuilder.Sql("""DELETE FROM "Notes" WHERE "UserId" NOT IN (SELECT "Id" FROM "Users");""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing to bring back: the rows belonged to no one.
        }
    }
}
