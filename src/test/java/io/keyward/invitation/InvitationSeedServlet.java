package io.keyward.invitation;

import jakarta.annotation.Resource;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;

/** Test-only (deployed by black-box tests as its own archive): makes an invitation expire. */
@WebServlet("/expire-invitation")
public class InvitationSeedServlet extends HttpServlet {
    @Resource(lookup = "jdbc/keyward")
    DataSource dataSource;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE invitations SET expires_at = ? WHERE email = ?")) {
            s.setTimestamp(1, Timestamp.from(Instant.now().minusSeconds(60)));
            s.setString(2, req.getParameter("email"));
            resp.getWriter().print(s.executeUpdate());
        } catch (Exception e) {
            resp.sendError(500, e.toString());
        }
    }
}
