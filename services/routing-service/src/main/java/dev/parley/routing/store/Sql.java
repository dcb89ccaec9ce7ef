package dev.parley.routing.store;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.function.Function;

/** Native SQL on the current Hibernate Reactive session (the transaction the outbox also writes in). */
public final class Sql {

    private Sql() {
    }

    public static Uni<List<Object[]>> rows(String sql, Object... params) {
        return Panache.getSession().chain(s -> {
            var query = s.createNativeQuery(sql, Object[].class);
            for (int i = 0; i < params.length; i++) {
                query.setParameter(i + 1, params[i]);
            }
            return query.getResultList();
        });
    }

    public static Uni<Integer> update(String sql, Object... params) {
        return Panache.getSession().chain(s -> {
            var query = s.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                query.setParameter(i + 1, params[i]);
            }
            return query.executeUpdate();
        });
    }

    /** Runs {@code step} for each element, one after the other (a session allows one operation at a time). */
    public static <T> Uni<Void> each(List<T> items, Function<T, Uni<?>> step) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (T item : items) {
            chain = chain.chain(() -> step.apply(item)).replaceWithVoid();
        }
        return chain;
    }

    public static String str(Object o) {
        return o == null ? null : o.toString();
    }

    public static int integer(Object o) {
        return ((Number) o).intValue();
    }

    public static long longValue(Object o) {
        return ((Number) o).longValue();
    }

    public static boolean bool(Object o) {
        return Boolean.TRUE.equals(o);
    }

    public static List<String> split(Object csv) {
        String s = str(csv);
        return s == null || s.isBlank() ? List.of() : List.of(s.split(","));
    }
}
