package io.keyward.http;

import io.keyward.error.GrpcCode;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The container's error page (web.xml): errors outside JAX-RS — unknown paths, wrong methods on
 * servlets, failures before the application is reached — get a gRPC status body instead of HTML.
 */
@WebServlet(urlPatterns = "/keyward-error")
public class ErrorPageServlet extends HttpServlet {
    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Object code = req.getAttribute("jakarta.servlet.error.status_code");
        int status = code instanceof Integer i ? i : 500;
        GrpcCode grpc;
        String message;
        switch (status) {
            case 404 -> {
                grpc = GrpcCode.NOT_FOUND;
                message = "Not Found";
            }
            case 405 -> {
                grpc = GrpcCode.UNIMPLEMENTED;
                message = "Method Not Allowed";
                status = 501;
            }
            case 401 -> {
                grpc = GrpcCode.UNAUTHENTICATED;
                message = "unauthenticated";
            }
            case 403 -> {
                grpc = GrpcCode.PERMISSION_DENIED;
                message = "Forbidden";
            }
            case 413 -> {
                grpc = GrpcCode.RESOURCE_EXHAUSTED;
                message = "request body too large";
            }
            default -> {
                if (status >= 400 && status < 500) {
                    grpc = GrpcCode.INVALID_ARGUMENT;
                    message = "Bad Request";
                } else {
                    grpc = GrpcCode.INTERNAL;
                    message = "Internal Server Error";
                }
            }
        }
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.getOutputStream().write(ErrorBodies.plain(grpc, message).toString().getBytes(StandardCharsets.UTF_8));
    }
}
