package org.imagingtriage.devstack.samples;

import java.util.Random;

/**
 * What a sample image depicts. Every phantom is drawn from geometry and seeded noise: the shapes
 * are recognisable as the body part, and no pixel came from a person.
 */
public enum Phantom {

    CHEST_RADIOGRAPH(ChestScene::new),
    ABDOMEN_RADIOGRAPH(AbdomenScene::new),
    KNEE_RADIOGRAPH(KneeScene::new),
    HEAD_CT(HeadCtScene::new),
    HEAD_MR(HeadMrScene::new),
    SKIN_LESION(SkinLesionScene::new),
    STEP_WEDGE((random, aspect) -> new StepWedgeScene(aspect));

    /** Builds a scene; texture is drawn from {@code random}, geometry fitted to {@code aspect} (width / height). */
    interface SceneFactory {
        Scene create(Random random, double aspect);
    }

    private final SceneFactory factory;

    Phantom(SceneFactory factory) {
        this.factory = factory;
    }

    Scene scene(Random random, double aspect) {
        return factory.create(random, aspect);
    }
}
