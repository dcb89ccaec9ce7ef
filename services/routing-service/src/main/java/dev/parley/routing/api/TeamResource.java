package dev.parley.routing.api;

import dev.parley.kit.api.ProblemException;
import dev.parley.kit.security.PortalContext;
import dev.parley.routing.api.Dtos.TeamBody;
import dev.parley.routing.api.Dtos.TeamDto;
import dev.parley.routing.service.Directory;
import dev.parley.kit.sql.Sql;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

/** Teams of agents (chatflows assign to users and/or teams). Admins manage them; agents may read them. */
@Path("/api/v1/routing/teams")
public class TeamResource {

    private final PortalContext portal;
    private final Directory directory;

    public TeamResource(PortalContext portal, Directory directory) {
        this.portal = portal;
        this.directory = directory;
    }

    @GET
    @RolesAllowed({"agent", "admin"})
    public Uni<List<TeamDto>> list() {
        String portalId = portal.portalId();
        return Panache.withSession(() -> directory.teams(portalId))
                .map(rows -> rows.stream().map(r -> new TeamDto(Sql.str(r[0]), Sql.str(r[1]), Sql.split(r[2])))
                        .toList());
    }

    @GET
    @Path("/{teamId}")
    @RolesAllowed({"agent", "admin"})
    public Uni<TeamDto> get(@PathParam("teamId") String teamId) {
        return list().map(teams -> teams.stream().filter(t -> t.id().equals(teamId)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("team " + teamId)));
    }

    @POST
    @RolesAllowed("admin")
    public Uni<Response> create(TeamBody body) {
        return save(UUID.randomUUID().toString(), body)
                .map(team -> Response.status(201).entity(team).build());
    }

    @PUT
    @Path("/{teamId}")
    @RolesAllowed("admin")
    public Uni<TeamDto> put(@PathParam("teamId") String teamId, TeamBody body) {
        return save(Validate.id("teamId", teamId), body);
    }

    private Uni<TeamDto> save(String teamId, TeamBody body) {
        TeamBody b = Validate.body(body);
        String name = Validate.text("name", b.name(), 200, true);
        List<String> members = Validate.ids("memberIds", b.memberIds());
        String portalId = portal.portalId();
        return Panache.withTransaction(() -> directory.saveTeam(portalId, teamId, name, members))
                .chain(id -> get(id));
    }

    @DELETE
    @Path("/{teamId}")
    @RolesAllowed("admin")
    public Uni<Void> delete(@PathParam("teamId") String teamId) {
        String portalId = portal.portalId();
        return Panache.withTransaction(() -> directory.deleteTeam(portalId, teamId));
    }
}
