package io.keyward.testsupport;

import jakarta.annotation.Resource;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Test-only servlet, deployed by Arquillian next to Keyward for the duration of a test class (never part
 * of the application): lets black-box tests put users into the shared database.
 * {@code POST /seed?action=create|update|get&user_id=...&<field>=...}.
 */
@WebServlet(urlPatterns = "/seed")
public class SeedServlet extends HttpServlet {
    @Resource(lookup = "jdbc/keyward")
    DataSource dataSource;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        req.getParameterMap().forEach((k, v) -> fields.put(k, v[0]));
        String action = fields.remove("action");
        String userId = fields.remove("user_id");
        String out = "";
        try {
            switch (action) {
                case "create" -> SeedSql.createUser(dataSource, userId, fields);
                case "update" -> SeedSql.updateUser(dataSource, userId, fields);
                case "get" -> out = String.valueOf(SeedSql.userColumn(dataSource, userId, fields.get("column")));
                default -> throw new IllegalArgumentException("action " + action);
            }
            resp.setStatus(200);
        } catch (SQLException | RuntimeException e) {
            resp.setStatus(500);
            out = e.toString();
        }
        resp.setContentType("text/plain");
        resp.getOutputStream().write(out.getBytes(StandardCharsets.UTF_8));
    }
}
