import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkApexReferences } from '../lib/apex-xref';

const SHAPES = `public with sharing class Shapes {
    public enum Kind { ROUND, SQUARE }
    public interface Source {
        Integer size(String name);
    }
    public static final Integer LIMIT_ROWS = 10;
    public static String label { get; set; }
    public static Integer area(Integer side) {
        return side * side;
    }
    public static Integer area(Integer width, Integer height) {
        return width * height;
    }
}`;

function problems(source: string, file = 'Use.cls'): string[] {
    return checkApexReferences([
        { file: 'Shapes.cls', source: SHAPES },
        { file, source },
    ]).map((p) => `${p.line} ${p.message}`);
}

describe('Apex cross-references', () => {
    it('accepts fields, properties, enum values, inner types, overloads and interface methods', () => {
        assert.deepEqual(
            problems(`public with sharing class Use {
    public static Integer all(Shapes.Source source) {
        Shapes.Kind kind = Shapes.Kind.ROUND;
        List<Shapes.Kind> kinds = Shapes.Kind.values();
        String l = Shapes.label;
        return Shapes.area(1) + Shapes.area(2, 3) + Shapes.LIMIT_ROWS + source.size('x') + kinds.size();
    }
}`),
            []
        );
    });

    it('reports a missing enum value, interface member and static field', () => {
        assert.deepEqual(
            problems(`public with sharing class Use {
    public static Object all() {
        Object k = Shapes.Kind.OVAL;
        Object r = Shapes.LIMIT_ROW;
        return Shapes.Source.count('x');
    }
}`),
            ['3 Kind has no member OVAL', '4 Shapes has no member LIMIT_ROW', '5 Source has no method count']
        );
    });

    it('reports an overload that does not exist', () => {
        assert.deepEqual(problems('public class Use { Integer a = Shapes.area(1, 2, 3); }'), [
            '1 Shapes.area takes 1 or 2 argument(s), not 3',
        ]);
    });

    it('skips a name that the file also uses for a variable, which may shadow the class', () => {
        assert.deepEqual(
            problems(`public with sharing class Use {
    public static Integer run(Use shapes) {
        return shapes.anything();
    }
}`),
            []
        );
    });

    it('skips unqualified calls in a class that inherits methods', () => {
        assert.deepEqual(
            problems('public class UseException extends Exception { String m() { return getMessage(); } }'),
            []
        );
    });

    it('finds methods of the classes around an inner class', () => {
        assert.deepEqual(
            problems(`public class Use {
    static Integer outer() { return 1; }
    public class Inner {
        Integer a() { return outer() + missing(); }
    }
}`),
            ['4 Inner has no method missing']
        );
    });

    it('checks triggers too', () => {
        assert.deepEqual(problems('trigger T on Account (before insert) { Shapes.volume(1); }', 'T.trigger'), [
            '1 Shapes has no method volume',
        ]);
    });
});
